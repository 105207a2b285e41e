import { NixBuildError, UsageError } from '../errors.ts';
import type { NixOptions } from './options.ts';
import { runNixCommand } from './run.ts';

// What Nix says about a flake reference: the URL to evaluate it by, and whether it is pinned. Its flake.lock must
// match its inputs (Nix's getFlake never changes a lock); it is pinned when its tree is also clean (Nix then
// reports the revision): only then do the same inputs always give the same packages.

/** Flakes are enabled per command, so users need nothing in their nix.conf (Nix 2.8 still calls them experimental). */
export const FLAKE_FEATURES = ['--extra-experimental-features', 'nix-command flakes'] as const;

const METADATA_TIMEOUT_MS = 120_000;

export interface FlakeMetadata {
  /** The URL to evaluate: locked (with rev) when the tree is clean, else the tree as it is. */
  url: string;
  pinned: boolean;
  /** Why the flake is not pinned, for logs. */
  unpinnedBecause?: string;
  revision?: string;
  narHash?: string;
  /** Subdirectory of the flake in its tree (`?dir=`), part of its identity. */
  dir?: string;
  /** A public web address of the flake's repository (github: refs only). */
  sourceUrl?: string;
}

interface MetadataJson {
  url?: string;
  revision?: string;
  locked?: { narHash?: string; dir?: string; type?: string; owner?: string; repo?: string };
}

export async function readFlakeMetadata(ref: string, nix: NixOptions, signal?: AbortSignal): Promise<FlakeMetadata> {
  const metadata = async (extra: string[]) =>
    runNixCommand('nix', [...FLAKE_FEATURES, 'flake', 'metadata', '--json', ...extra, ref], {
      nix,
      deadline: Date.now() + METADATA_TIMEOUT_MS,
      ...(signal ? { signal } : {}),
    });
  const result = await metadata(['--no-update-lock-file']);
  // Nix evaluates a flake (builtins.getFlake) only with its lock as it is, and changing it is the repository's
  // business: say what to do instead of writing a lock file into the user's tree.
  if (result.exitCode !== 0 && result.stderrTail.some((l) => l.includes('requires lock file changes'))) {
    throw new UsageError(
      `the flake "${ref}" has no flake.lock, or one that does not match its inputs: run "nix flake lock" there and commit flake.lock`,
    );
  }
  if (result.stopped) throw new NixBuildError(`nix flake metadata ${ref} was stopped (${result.stopped})`, result.stderrTail, null);
  if (result.exitCode !== 0) {
    const error = result.stderrTail.filter((l) => l.startsWith('error:')).join(' ') || result.stderrTail.join('\n');
    throw new UsageError(`cannot read the flake "${ref}": ${error.replace(/^error:\s*/, '')}`);
  }
  const json = JSON.parse(result.stdout) as MetadataJson;
  if (typeof json.url !== 'string') throw new NixBuildError(`nix flake metadata ${ref} printed no url`, result.stderrTail, 0);
  const revision = json.revision;
  const narHash = json.locked?.narHash;
  const unpinnedBecause = revision === undefined ? 'the flake has uncommitted changes (or no revision)' : undefined;
  const locked = json.locked ?? {};
  return {
    url: json.url,
    pinned: unpinnedBecause === undefined,
    ...(unpinnedBecause ? { unpinnedBecause } : {}),
    ...(revision ? { revision } : {}),
    ...(narHash ? { narHash } : {}),
    ...(locked.dir ? { dir: locked.dir } : {}),
    ...(locked.type === 'github' && locked.owner && locked.repo ? { sourceUrl: `https://github.com/${locked.owner}/${locked.repo}` } : {}),
  };
}
