import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import type { PackageSource } from './source.ts';

// `nixpkgs: flake.lock`: the package set a repository already pins, read from its flake.lock. The locked input
// becomes the source the same revision would be given as by hand: a github NixOS/nixpkgs input is a nixpkgs commit
// (its narHash is the tarball's unpacked hash, so it doubles as fetchTarball's sha256), a git input is a git
// source at that commit.

export const DEFAULT_LOCK_INPUT = 'nixpkgs';

interface LockNode {
  inputs?: Record<string, string | string[]>;
  locked?: Record<string, unknown>;
}

/** The package source of input `input` of the lock file at `file` (an absolute path; `shown` names it in messages). */
export function sourceFromFlakeLock(file: string, input: string, shown: string): PackageSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'does not exist' : `cannot be read (${e.code ?? e.message})`;
    throw new UsageError(`${shown} ${why} (looked at ${file}): run "nix flake lock" and commit flake.lock`);
  }
  let lock: { nodes?: Record<string, LockNode>; root?: string };
  try {
    lock = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${shown} is not valid JSON: ${(error as Error).message}`);
  }
  const nodes = lock.nodes ?? {};
  const root = nodes[lock.root ?? 'root'];
  const inputs = Object.keys(root?.inputs ?? {});
  const target = root?.inputs?.[input];
  if (target === undefined) {
    throw new UsageError(
      `${shown} has no input "${input}"; its inputs are ${inputs.length > 0 ? inputs.join(', ') : 'none'} (name one as flake.lock#INPUT)`,
    );
  }
  // A list is a `follows` path; resolving it is Nix's business, and nixpkgs is rarely spelled that way.
  const node = typeof target === 'string' ? nodes[target] : undefined;
  const locked = node?.locked;
  if (!locked) throw new UsageError(`${shown}: input "${input}" is not locked to a revision (it follows another input)`);
  const rev = typeof locked.rev === 'string' ? locked.rev : undefined;
  const narHash = typeof locked.narHash === 'string' ? locked.narHash : undefined;
  if (locked.type === 'github' && rev) {
    if (String(locked.owner).toLowerCase() === 'nixos' && String(locked.repo).toLowerCase() === 'nixpkgs') {
      return { kind: 'nixpkgs', commit: rev, ...(narHash ? { sha256: narHash } : {}) };
    }
    return { kind: 'git', url: `https://github.com/${String(locked.owner)}/${String(locked.repo)}.git`, rev };
  }
  if (locked.type === 'git' && rev && typeof locked.url === 'string') return { kind: 'git', url: locked.url, rev };
  throw new UsageError(
    `${shown}: input "${input}" is locked as ${String(locked.type)}${rev ? '' : ' without a revision'}; ` +
      'flake.lock pins a package set only for github: and git inputs with a rev',
  );
}
