import { resolve as resolvePath } from 'node:path';
import { DEFAULT_LOCK_INPUT, sourceFromFlakeLock } from '../nix/flake-lock.ts';
import { isCommitHash, parseSourceOption } from '../nix/source.ts';
import type { PackageSource } from '../nix/source.ts';
import { UsageError } from '../errors.ts';

// How users name a package set: the CLI's flags (shared by "build" and "serve --build"), Nixery's environment
// variables (so a Nixery deployment keeps its settings; flags win), and the action's one `nixpkgs` input,
// told apart by spelling. Each spelling ends in nix/source.ts' parseSourceOption, which checks the value.

export const DEFAULT_CHANNEL = 'nixos-unstable';

export const SOURCE_OPTIONS = {
  nixpkgs: { type: 'string' },
  'nixpkgs-sha256': { type: 'string' },
  channel: { type: 'string' },
  'pkgs-repo': { type: 'string' },
  'pkgs-path': { type: 'string' },
  flake: { type: 'string' },
} as const;

export const SOURCE_FLAGS = ['nixpkgs', 'channel', 'pkgs-repo', 'pkgs-path', 'flake'] as const;

const SOURCE_KINDS = { nixpkgs: 'nixpkgs', channel: 'channel', 'pkgs-repo': 'git', 'pkgs-path': 'path', flake: 'flake' } as const;

// Nixery reads these in this order and uses the first one set.
const SOURCE_ENV = [
  ['NIXERY_CHANNEL', 'channel'],
  ['NIXERY_PKGS_REPO', 'git'],
  ['NIXERY_PKGS_PATH', 'path'],
] as const;

export type SourceValues = Partial<Record<(typeof SOURCE_FLAGS)[number] | 'nixpkgs-sha256', string>>;

/** Which source env variable would be used, if any (for hints when it is ignored). */
export function sourceFromEnvName(env: NodeJS.ProcessEnv): string | undefined {
  return SOURCE_ENV.find(([name]) => nonEmpty(env[name]) !== undefined)?.[0];
}

/**
 * The package set from the flags; without any, from NIXERY_CHANNEL, NIXERY_PKGS_REPO or NIXERY_PKGS_PATH in
 * `env` (pass {} to ignore the environment); else the default channel.
 */
export function chooseSource(values: SourceValues, env: NodeJS.ProcessEnv = {}): PackageSource {
  const given = SOURCE_FLAGS.filter((flag) => values[flag] !== undefined);
  if (given.length > 1) throw new UsageError(`choose one package set, not ${given.map((f) => `--${f}`).join(' and ')}`);
  if (values['nixpkgs-sha256'] !== undefined && given[0] !== 'nixpkgs') {
    throw new UsageError('--nixpkgs-sha256 goes with --nixpkgs');
  }
  const flag = given[0];
  if (flag !== undefined) {
    const lock = flag === 'nixpkgs' ? flakeLockSpelling(values.nixpkgs!, process.cwd()) : undefined;
    if (lock) {
      if (values['nixpkgs-sha256'] !== undefined) throw new UsageError('--nixpkgs-sha256 goes with a commit, not with flake.lock');
      return lock;
    }
    const sha256 = values['nixpkgs-sha256'];
    return parseSourceOption(SOURCE_KINDS[flag], values[flag]!, sha256 === undefined ? {} : { sha256 });
  }
  for (const [name, kind] of SOURCE_ENV) {
    const value = nonEmpty(env[name]);
    if (value === undefined) continue;
    try {
      return parseSourceOption(kind, value);
    } catch (error) {
      // Say which variable held the value: nothing on the command line shows it.
      throw new UsageError(`${name}: ${(error as Error).message}`);
    }
  }
  return parseSourceOption('channel', DEFAULT_CHANNEL);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:/;

const FLAKE_LOCK = /^(?:(.*\/))?flake\.lock(?:#(.*))?$/;

/**
 * `flake.lock` or `PATH/flake.lock`, optionally `#INPUT` (default nixpkgs): the revision that input is locked to.
 * Undefined for any other spelling.
 */
export function flakeLockSpelling(value: string, cwd: string): PackageSource | undefined {
  const m = FLAKE_LOCK.exec(value.trim());
  if (!m) return undefined;
  const file = resolvePath(cwd, `${m[1] ?? ''}flake.lock`);
  const input = m[2] ?? DEFAULT_LOCK_INPUT;
  if (input === '') throw new UsageError(`"${value}" ends in "#": name a flake input after it, or drop it`);
  return sourceFromFlakeLock(file, input, value.trim().replace(/#.*$/, ''));
}

/**
 * One setting that names every kind of package set, told apart by spelling alone (never by what exists on disk,
 * so a missing folder is reported as a missing folder and not as a bad channel): 40 hex digits are a nixpkgs
 * commit; a URL (scheme://, user@host:path, or ending in .git) is a git repository, optionally `#ref`; anything
 * `[PATH/]flake.lock[#INPUT]` is the input a flake lock pins (default nixpkgs); anything
 * with "/" or starting with "." or "~" is a local path (relative to `cwd`); everything else is a channel.
 */
export function parseSourceSpelling(value: string, cwd: string): { source: PackageSource; ref?: string } {
  const v = value.trim();
  const lock = flakeLockSpelling(v, cwd);
  if (lock) return { source: lock };
  if (isCommitHash(v)) return { source: parseSourceOption('nixpkgs', v) };
  if (SCHEME.test(v) || SCP_LIKE.test(v) || /\.git(?:#.*)?$/.test(v)) {
    const hash = v.indexOf('#');
    const url = hash === -1 ? v : v.slice(0, hash);
    const ref = hash === -1 ? undefined : v.slice(hash + 1);
    if (ref === '') throw new UsageError(`"${v}" ends in "#": put a branch, tag or commit after it, or drop it`);
    return { source: parseSourceOption('git', url), ...(ref !== undefined ? { ref } : {}) };
  }
  if (v.includes('/') || v.startsWith('.') || v.startsWith('~')) {
    const expanded = v.startsWith('~/') ? `${process.env.HOME ?? '~'}${v.slice(1)}` : v;
    return { source: parseSourceOption('path', expanded, { cwd }) };
  }
  return { source: parseSourceOption('channel', v) };
}
