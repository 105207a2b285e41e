import { existsSync, statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { UsageError } from '../errors.ts';

// Where packages come from: the package sources, as users spell them and as logs describe them. Turning one into
// a Nix expression (which may run git or Nix) is resolve-source.ts's job, so reading settings loads neither.

export type PackageSource =
  | { kind: 'nixpkgs'; commit: string; sha256?: string }
  | { kind: 'channel'; channel: string }
  | {
      kind: 'git';
      url: string;
      /** A fixed commit (from a flake.lock); without it the image tag picks one. */
      rev?: string;
    }
  | { kind: 'path'; path: string }
  /** A flake reference (path, git+file:, github:owner/repo/rev, …); paths are absolute. */
  | { kind: 'flake'; ref: string };

const COMMIT = /^[0-9a-f]{40}$/;

/** A full git commit hash as nixpkgs and git sources take it: 40 lowercase hex digits. */
export function isCommitHash(text: string): boolean {
  return COMMIT.test(text);
}
// Nix's three spellings of a sha256: base-32 (what nix-prefetch-url prints), hex, and SRI.
const SHA256 = /^(?:[0-9a-df-np-sv-z]{52}|[0-9a-f]{64}|sha256-[A-Za-z0-9+/]{43}=)$/;
// nixos-24.05, nixos-24.05-small, nixos-unstable, nixpkgs-unstable, nixpkgs-24.05-darwin
const CHANNEL = /^(?:nixos|nixpkgs)-(?:unstable|\d{2}\.\d{2})(?:-[a-z0-9]+)?$/;
const GIT_URL = /^(?:(?:https?|ssh|git|file):\/\/\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+)$/;

export interface SourceOptionExtras {
  /** Hash of the nixpkgs tarball, for kind 'nixpkgs'. */
  sha256?: string;
  /** Base for relative paths (default: the current directory). */
  cwd?: string;
}

// Nixery's option names (NIXERY_PKGS_REPO, NIXERY_PKGS_PATH) name the same kinds.
const KIND_ALIASES: Record<string, PackageSource['kind']> = { 'pkgs-repo': 'git', 'pkgs-path': 'path' };

/**
 * Validates a source given as strings (CLI flag or environment variable) and says what is
 * wrong in terms the user typed. `kind` is nixpkgs, channel, git or path (or Nixery's
 * pkgs-repo / pkgs-path); the third argument is the nixpkgs sha256 or an options object.
 * As in Nixery, a 40-hex "channel" means a nixpkgs commit.
 */
export function parseSourceOption(kindOrAlias: string, value: string, extrasOrSha256: SourceOptionExtras | string = {}): PackageSource {
  const kind = KIND_ALIASES[kindOrAlias] ?? kindOrAlias;
  const extras: SourceOptionExtras = typeof extrasOrSha256 === 'string' ? { sha256: extrasOrSha256 } : extrasOrSha256;
  const v = value.trim();
  if (extras.sha256 !== undefined && kind !== 'nixpkgs' && !(kind === 'channel' && COMMIT.test(v))) {
    throw new UsageError(`a sha256 only applies to a nixpkgs commit, not to a ${kind} source`);
  }
  switch (kind) {
    case 'nixpkgs': {
      if (!COMMIT.test(v)) {
        throw new UsageError(`invalid nixpkgs commit "${value}": expected a full 40-character lowercase hex commit hash`);
      }
      return withSha256({ kind: 'nixpkgs', commit: v }, extras.sha256);
    }
    case 'channel': {
      if (COMMIT.test(v)) return withSha256({ kind: 'nixpkgs', commit: v }, extras.sha256);
      if (!CHANNEL.test(v)) {
        throw new UsageError(
          `invalid channel "${value}": expected a NixOS channel name such as nixos-unstable, nixos-24.05 or nixpkgs-unstable`,
        );
      }
      return { kind: 'channel', channel: v };
    }
    case 'git': {
      if (!GIT_URL.test(v)) {
        throw new UsageError(`invalid git URL "${value}": expected https://, ssh://, git://, file:// or user@host:path`);
      }
      return { kind: 'git', url: v };
    }
    case 'path': {
      if (v === '') throw new UsageError('empty package set path: give a folder with a default.nix, or a .nix file');
      const abs = resolvePath(extras.cwd ?? process.cwd(), v);
      if (!existsSync(abs)) throw new UsageError(`package set path "${value}" does not exist (looked at ${abs})`);
      if (statSync(abs).isDirectory() && !existsSync(`${abs}/default.nix`)) {
        throw new UsageError(`package set folder "${value}" has no default.nix (looked in ${abs})`);
      }
      return { kind: 'path', path: abs };
    }
    case 'flake': {
      if (v === '') throw new UsageError('empty flake reference: give a path (.), git+file:, github:owner/repo/rev, …');
      // Nix resolves a relative path against its own working directory; ours may differ (the action's workspace).
      const isPath = v.startsWith('.') || v.startsWith('/');
      return { kind: 'flake', ref: isPath ? resolvePath(extras.cwd ?? process.cwd(), v) : v };
    }
    default:
      throw new UsageError(`unknown package source kind "${kind}": expected nixpkgs, channel, git, path or flake`);
  }
}

function withSha256(source: { kind: 'nixpkgs'; commit: string }, sha256: string | undefined): PackageSource {
  if (sha256 === undefined) return source;
  const h = sha256.trim();
  if (!SHA256.test(h)) {
    throw new UsageError(
      `invalid sha256 "${sha256}": expected 52 base-32 characters (as nix-prefetch-url prints), 64 hex, or sha256-<base64>`,
    );
  }
  return { ...source, sha256: h };
}

/**
 * How messages, logs and summaries name a package set (and a git source's commit, when known). Credentials in a
 * git URL are never shown.
 */
export function describeSource(source: PackageSource, revision?: string): string {
  switch (source.kind) {
    case 'nixpkgs':
      return `nixpkgs ${source.commit}`;
    case 'channel':
      return `channel ${source.channel}`;
    case 'git': {
      const rev = revision ?? source.rev;
      return `git ${withoutCredentials(source.url)}${rev ? `#${rev}` : ''}`;
    }
    case 'path':
      return `path ${source.path}`;
    case 'flake':
      return `flake ${source.ref}${revision ? `#${revision}` : ''}`;
  }
}

/** A URL with any user name and password taken out, for logs and annotations. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url; // scp-like user@host:path has no password part
  }
}
