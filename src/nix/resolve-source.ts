import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MissingGitRefError } from '../errors.ts';
import { readFlakeMetadata } from './flake.ts';
import type { NixOptions } from './options.ts';
import { isCommitHash, withoutCredentials } from './source.ts';
import type { PackageSource } from './source.ts';

// Each package source becomes a Nix expression `system: <package set>` that nix/image-packages.nix calls; only
// pinned sources (a fixed commit) may be cached.

export interface ResolvedSource {
  source: PackageSource;
  /** Nix expression (text) that evaluates to a function `system: <package set>`. */
  packageSetExpr: string;
  /** True when the same inputs always mean the same packages (nixpkgs commit, git commit); only then may manifests be cached. */
  pinned: boolean;
  /** Stable identity for cache keys, e.g. "nixpkgs:<commit>", "git:<url>#<rev>", "channel:<name>", "path:<abs>" */
  cacheId: string;
  /** For image annotations: the revision (commit) if known, and a source URL if meaningful (never a local absolute path). */
  revision?: string;
  sourceUrl?: string;
  /** Set for flakes: Nix needs flakes enabled, and a pinned flake is evaluated purely. */
  flake?: { pure: boolean };
  /** Why a source that could be pinned is not (a dirty flake tree), for logs. */
  unpinnedBecause?: string;
}

/** Turns a source into the package-set expression for the image whose tag is `imageTag`. */
export async function resolveSource(source: PackageSource, imageTag: string, nix: NixOptions = {}): Promise<ResolvedSource> {
  switch (source.kind) {
    case 'nixpkgs': {
      const url = `https://github.com/NixOS/nixpkgs/archive/${source.commit}.tar.gz`;
      const fetch = source.sha256
        ? `builtins.fetchTarball { url = ${nixString(url)}; sha256 = ${nixString(source.sha256)}; }`
        : `builtins.fetchTarball ${nixString(url)}`;
      return {
        source,
        packageSetExpr: importPackageSet(fetch),
        pinned: true,
        cacheId: `nixpkgs:${source.commit}`,
        revision: source.commit,
        sourceUrl: 'https://github.com/NixOS/nixpkgs',
      };
    }
    case 'channel': {
      const url = `https://channels.nixos.org/${source.channel}/nixexprs.tar.xz`;
      return {
        source,
        packageSetExpr: importPackageSet(`builtins.fetchTarball ${nixString(url)}`),
        pinned: false,
        cacheId: `channel:${source.channel}`,
        sourceUrl: `https://channels.nixos.org/${source.channel}`,
      };
    }
    case 'git': {
      const target = source.rev ? { rev: source.rev } : await resolveGitTag(source.url, imageTag);
      const attrs = [`url = ${nixString(source.url)};`, `rev = ${nixString(target.rev)};`];
      if (target.ref) attrs.push(`ref = ${nixString(target.ref)};`);
      // A bare commit may sit on any branch: fetch all refs so Nix can find it.
      else attrs.push('allRefs = true;');
      return {
        source,
        packageSetExpr: importPackageSet(`builtins.fetchGit { ${attrs.join(' ')} }`),
        pinned: true,
        cacheId: `git:${source.url}#${target.rev}`,
        revision: target.rev,
        sourceUrl: publicGitUrl(source.url),
      };
    }
    case 'path': {
      return {
        source,
        packageSetExpr: importPackageSet(`/. + ${nixString(source.path)}`),
        pinned: false,
        cacheId: `path:${source.path}`,
      };
    }
    case 'flake':
      return resolveFlake(source, nix);
  }
}

/**
 * The flake's packages.<system> over its legacyPackages.<system> over its nixpkgs input's (legacyPackages.<system>,
 * or the package set a `flake = false` input's tree holds):
 * names resolve in the flake first, then in the nixpkgs it pins. Keyed by revision and narHash, not by where the
 * checkout lies, so every clone of one commit finds the same cached images.
 */
async function resolveFlake(source: { kind: 'flake'; ref: string }, nix: NixOptions): Promise<ResolvedSource> {
  const flake = await readFlakeMetadata(source.ref, nix);
  const packageSetExpr =
    `system: let flake = builtins.getFlake ${nixString(flake.url)}; ` +
    'bySystem = outputs: (outputs.${system} or { }); ' +
    'nixpkgs = flake.inputs.nixpkgs or null; ' +
    // A `flake = false` input is a source tree: imported like any package set.
    `nixpkgsSet = if nixpkgs == null then { } else if nixpkgs ? outputs then bySystem (nixpkgs.legacyPackages or { }) else (${importPackageSet('nixpkgs')}) system; in ` +
    'nixpkgsSet // bySystem (flake.legacyPackages or { }) // bySystem (flake.packages or { })';
  return {
    source,
    packageSetExpr,
    pinned: flake.pinned,
    cacheId: `flake:${flake.revision ?? 'dirty'}:${flake.narHash ?? ''}:${flake.dir ?? ''}`,
    ...(flake.revision ? { revision: flake.revision } : {}),
    ...(flake.sourceUrl ? { sourceUrl: flake.sourceUrl } : {}),
    flake: { pure: flake.pinned },
    ...(flake.unpinnedBecause ? { unpinnedBecause: flake.unpinnedBecause } : {}),
  };
}

/**
 * `system: <set>` from something importable. nixpkgs-style functions get the arguments they
 * declare among system, config and overlays (empty config and overlays keep the user's
 * ~/.config/nixpkgs out of the build); a plain attribute set is used as is.
 */
function importPackageSet(importable: string): string {
  return (
    `system: let f = import (${importable}); in ` +
    'if builtins.isFunction f ' +
    'then f (builtins.intersectAttrs (builtins.functionArgs f) { inherit system; config = { }; overlays = [ ]; }) ' +
    'else f'
  );
}

/** A Nix string literal for any text. */
export function nixString(text: string): string {
  if (/[\0]/.test(text)) throw new Error('NUL characters cannot appear in a Nix string');
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\$\{/g, '\\${')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

/** A git URL fit for image annotations: no credentials, no local paths. */
function publicGitUrl(url: string): string | undefined {
  return url.startsWith('file://') ? undefined : withoutCredentials(url);
}

export interface GitTarget {
  rev: string;
  /** The ref Nix should fetch to find `rev`; absent for a bare commit. */
  ref?: string;
}

const execFileAsync = promisify(execFile);

/**
 * Maps an image tag to a commit of the repository: "latest" is the default branch (HEAD),
 * a 40-hex tag is that commit, anything else a tag or branch (tags first, as git does).
 */
export async function resolveGitTag(url: string, imageTag: string): Promise<GitTarget> {
  if (isCommitHash(imageTag)) return { rev: imageTag };

  let stdout: string;
  try {
    ({ stdout } = await execFileAsync('git', ['ls-remote', '--symref', url], {
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    }));
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('git not found on PATH: install git to use a git package source');
    throw new Error(`cannot list refs of ${url}: ${(e.stderr ?? e.message).trim()}`);
  }

  const refs = new Map<string, string>();
  let headRef: string | undefined;
  for (const line of stdout.split('\n')) {
    const symref = /^ref: (\S+)\tHEAD$/.exec(line);
    if (symref) {
      headRef = symref[1];
      continue;
    }
    const m = /^([0-9a-f]{40})\t(\S+)$/.exec(line);
    if (m) refs.set(m[2]!, m[1]!);
  }

  if (imageTag === 'latest') {
    const rev = refs.get('HEAD');
    if (!rev) throw new Error(`${url} has no default branch (HEAD): push a branch or use a tag that names one`);
    return headRef ? { rev, ref: headRef } : { rev, ref: 'HEAD' };
  }

  const tagRef = `refs/tags/${imageTag}`;
  // Annotated tags point at a tag object; the peeled "^{}" entry is the commit.
  const tagRev = refs.get(`${tagRef}^{}`) ?? refs.get(tagRef);
  if (tagRev) return { rev: tagRev, ref: tagRef };
  const branchRef = `refs/heads/${imageTag}`;
  const branchRev = refs.get(branchRef);
  if (branchRev) return { rev: branchRev, ref: branchRef };

  throw new MissingGitRefError(url, imageTag);
}
