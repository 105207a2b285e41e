import { isAbsolute, resolve as resolvePath } from 'node:path';
import { UsageError } from '../errors.ts';
import { parseKeyValues } from '../image/metadata.ts';
import { parseImageName } from '../image/name.ts';
import { parseSourceOption } from '../nix/source.ts';
import type { PackageSource } from '../nix/source.ts';
import type { Compression } from '../oci/media-types.ts';
import type { Arch } from '../oci/platform.ts';
import { readDestinations } from '../settings/destinations.ts';
import { readImagesFile } from '../settings/images-file.ts';
import { readNixSettings } from '../settings/nix-settings.ts';
import type { NixSettings } from '../settings/nix-settings.ts';
import type { ImageSpec } from '../settings/images-file.ts';
import type { DestinationSettings } from '../settings/destinations.ts';
import { parseBudget, parseCompression, parsePlatforms } from '../settings/rules.ts';
import { DEFAULT_CHANNEL, parseSourceSpelling } from '../settings/source.ts';
import { assertFolderPath, isFolderPath } from '../storage/open.ts';

// The action's inputs (action.yml), read and checked before anything is installed or built, so a typo in
// the last image name or a bad budget fails in a second with the input's name in the message. The rules
// themselves are the same as the CLI's (settings/).

export type InstallNixMode = 'auto' | 'true' | 'false';

export interface ActionInputs {
  /** Image names as the user wrote them (checked; each builds under its canonical name). */
  images: string[];
  /** The images the `images-file` declares (its keys are their names); [] without one. */
  imageSpecs: ImageSpec[];
  source: PackageSource;
  /** For git sources: the branch, tag or commit after "#" in the URL (default: the default branch). */
  sourceRef?: string;
  /**
   * The bucket (`storage`, or the local cache folder when only `push` is given) and the registries (`push`), as
   * settings/destinations.ts sorts them.
   */
  destinations: DestinationSettings;
  /** Registry host (and optional path) that serves the bucket, for refs and pull commands; '' when not given. */
  pullHost: string;
  /** The `tags` input's lines: tag rules and literal tags (tag-rules.ts), one per line. */
  tags: string[];
  /** The `labels` and `annotations` inputs (key=value lines, as metadata-action prints them). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The `platforms` input (several make each tag an image index); undefined: each name's own platform. */
  platforms?: Arch[];
  /** The `merge` input: add this job's platforms to each tag's index (one job of a matrix). */
  merge: boolean;
  budget: number;
  compression: Compression;
  comment: boolean;
  /** Tells this job's sticky comment apart from other jobs' (a matrix, a second workflow); '' for the default one. */
  commentKey: string;
  /** Whether to write the job summary. */
  summary: boolean;
  githubToken: string;
  installNix: InstallNixMode;
  extraNixConf: string;
  /** Remote builders, binary caches and the closure push (the nix-builders … nix-cache-secret-key-file inputs). */
  nix: NixSettings;
  cache: boolean;
  /** Things to warn about that do not stop the run (a deprecated input), for core.warning. */
  warnings: string[];
}

/** Reads one input by its action.yml name ('' when unset), like @actions/core's getInput. */
export type InputReader = (name: string) => string;

/** `env` is where the local cache folder comes from (NIXERY_CACHE_DIR, XDG_CACHE_HOME, HOME) when only `push` is given. */
export function readActionInputs(read: InputReader, workspace: string, env: NodeJS.ProcessEnv = process.env): ActionInputs {
  const images = splitList(read('images'));
  const imagesFile = read('images-file').trim();
  const imageSpecs = imagesFile === '' ? [] : readImagesFile(resolvePath(workspace, imagesFile), imagesFile);
  if (images.length === 0 && imageSpecs.length === 0) {
    throw new UsageError('images: give at least one image name, e.g. "shell/git/htop", one per line (or an images-file)');
  }
  for (const image of images) {
    try {
      parseImageName(image);
    } catch (error) {
      throw new UsageError(`images: ${(error as Error).message}`);
    }
  }
  const destinations = readActionDestinations(read, workspace, env);
  const pullHost = readPullHost(read);

  const nixpkgs = readPackageSetInputs(read, workspace);
  const platforms = given(splitList(read('platforms')).join(','));
  const merge = parseBoolean('merge', read('merge'), false);
  if (merge && (destinations.bucketIsCache || destinations.registries.length > 0)) {
    throw new UsageError(
      'merge: the jobs of a matrix merge their platforms through one shared bucket: give storage (gs://, s3://) and no push, ' +
        'then push the merged tag in a later job with "nixery copy"',
    );
  }
  return {
    images,
    imageSpecs,
    source: nixpkgs.source,
    ...(nixpkgs.ref !== undefined ? { sourceRef: nixpkgs.ref } : {}),
    destinations,
    pullHost: pullHost.value,
    tags: nonEmptyLines(read('tags')),
    labels: parseKeyValues(nonEmptyLines(read('labels')), 'labels'),
    annotations: readAnnotations(read('annotations')),
    ...(platforms !== undefined ? { platforms: parsePlatforms(platforms, 'platforms') } : {}),
    merge,
    budget: parseBudget(given(read('layer-budget')), 'layer-budget'),
    compression: parseCompression(given(read('compression')), 'compression'),
    comment: parseBoolean('comment', read('comment'), true),
    commentKey: parseCommentKey(read('comment-key')),
    summary: parseBoolean('summary', read('summary'), true),
    githubToken: read('github-token').trim(),
    installNix: parseInstallNix(read('install-nix')),
    extraNixConf: read('extra-nix-conf'),
    nix: readNixInputs(read, workspace),
    cache: parseBoolean('cache', read('cache'), true),
    warnings: pullHost.warnings,
  };
}

/** The nix-* inputs; lists are space- or line-separated, a relative secret key file is relative to the workspace. */
function readNixInputs(read: InputReader, workspace: string): NixSettings {
  const keyFile = read('nix-cache-secret-key-file').trim();
  return readNixSettings(
    {
      builders: read('nix-builders'),
      buildersUseSubstitutes: read('nix-builders-use-substitutes'),
      substituters: [read('nix-substituters')],
      trustedPublicKeys: [read('nix-trusted-public-keys')],
      cachePush: read('nix-cache-push'),
      ...(keyFile !== '' ? { cacheSecretKeyFile: resolvePath(workspace, keyFile) } : {}),
    },
    NIX_INPUT_NAMES,
  );
}

const NIX_INPUT_NAMES = {
  builders: 'nix-builders',
  buildersUseSubstitutes: 'nix-builders-use-substitutes',
  substituters: 'nix-substituters',
  trustedPublicKeys: 'nix-trusted-public-keys',
  cachePush: 'nix-cache-push',
  cacheSecretKeyFile: 'nix-cache-secret-key-file',
} as const;

/**
 * `storage` (one bucket, optional when `push` is given) and `push` (registry prefixes, with or without docker://),
 * sorted by settings/destinations.ts like the CLI's --storage and --out. A relative folder bucket is relative to the
 * workspace.
 */
function readActionDestinations(read: InputReader, workspace: string, env: NodeJS.ProcessEnv): DestinationSettings {
  const storage = read('storage').trim();
  const bucket =
    storage !== '' && isFolderPath(storage) && !isAbsolute(storage) ? resolvePath(workspace, assertFolderPath(storage)) : storage;
  // A push entry is a registry whether or not it is spelled with docker://.
  const registries = splitList(read('push')).map((entry) => (/^docker:\/\//i.test(entry) ? entry : `docker://${entry}`));
  return readDestinations([...(bucket !== '' ? [bucket] : []), ...registries], {
    insecure: splitList(read('insecure-registries')),
    env,
    name: 'storage or push',
  });
}

/** `pull-host`, or its deprecated spelling `registry` (with a warning); both given must agree. */
function readPullHost(read: InputReader): { value: string; warnings: string[] } {
  const pullHost = parsePullHost('pull-host', read('pull-host'));
  const rawRegistry = read('registry');
  if (rawRegistry.trim() === '') return { value: pullHost, warnings: [] };
  const registry = parsePullHost('registry', rawRegistry);
  if (pullHost !== '' && pullHost !== registry) {
    throw new UsageError(
      `pull-host "${pullHost}" and registry "${registry}" differ: registry is the old name of pull-host; give only pull-host`,
    );
  }
  return {
    value: registry,
    warnings: [
      'The registry input is deprecated: rename it to pull-host (it names the host that serves the bucket; push pushes to registries)',
    ],
  };
}

/**
 * The `annotations` input: key=value lines, optionally with metadata-action's level prefix. `manifest:` (and no
 * prefix) annotate each image manifest; index and descriptor levels are refused until images are built as indexes.
 */
function readAnnotations(value: string): Record<string, string> {
  const lines = nonEmptyLines(value).map((line) => {
    const level = /^([a-z,-]+):(?=[^=]*=)/.exec(line);
    if (!level) return line;
    const levels = level[1]!.split(',');
    if (levels.some((l) => l !== 'manifest')) {
      throw new UsageError(`annotations: "${line}": only the manifest level is written (images are single manifests), not ${level[1]}`);
    }
    return line.slice(level[0].length);
  });
  return parseKeyValues(lines, 'annotations');
}

/** An input left empty is not given: the setting's default applies. */
function given(value: string): string | undefined {
  const v = value.trim();
  return v === '' ? undefined : v;
}

/** Lines of an input, blank lines dropped; unlike list inputs, spaces inside a line belong to its value. */
export function nonEmptyLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
}

/** Lines, commas or spaces separate list entries; blank entries and `#` comments are dropped. */
export function splitList(value: string): string[] {
  return value
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(/[\s,]+/))
    .filter(Boolean);
}

/** `flake` (a flake reference, paths relative to the workspace) or `nixpkgs`, not both. */
function readPackageSetInputs(read: InputReader, workspace: string): { source: PackageSource; ref?: string } {
  const flake = read('flake').trim();
  const nixpkgs = read('nixpkgs').trim();
  if (flake === '') return parseNixpkgsInput(nixpkgs || DEFAULT_CHANNEL, workspace);
  if (nixpkgs !== '') {
    throw new UsageError(`flake and nixpkgs are both given: a flake brings its own nixpkgs (its flake.lock pins it); give one of them`);
  }
  try {
    return { source: parseSourceOption('flake', flake, { cwd: workspace }) };
  } catch (error) {
    throw new UsageError(`flake: ${(error as Error).message}`);
  }
}

/** The `nixpkgs` input: any package-set spelling (settings/source.ts), paths relative to the workspace. */
export function parseNixpkgsInput(value: string, workspace: string): { source: PackageSource; ref?: string } {
  try {
    return parseSourceSpelling(value, workspace);
  } catch (error) {
    throw new UsageError(
      `nixpkgs: ${(error as Error).message}. ` +
        'Give a 40-hex nixpkgs commit, flake.lock[#input], a channel (nixos-24.05), a git URL (https://…/repo.git#ref) or a path (./nix)',
    );
  }
}

function parsePullHost(name: string, value: string): string {
  // Hosts are case-insensitive and repository paths lowercase-only, so `ghcr.io/${{ github.repository }}` (mixed
  // case) names the same place lowercased, as docker and ghcr.io treat it.
  const v = value
    .trim()
    .replace(/^(?:https?|docker):\/\//, '')
    .replace(/\/+$/, '')
    .toLowerCase();
  if (v === '') return '';
  if (!/^[A-Za-z0-9.-]+(?::\d+)?(?:\/[a-z0-9._/-]+)?$/.test(v)) {
    throw new UsageError(`${name}: "${value}" is not a registry host such as images.example.com or localhost:5000/team`);
  }
  return v;
}

/** Letters, digits, ".", "_" and "-": it goes inside an HTML comment and a heading, so nothing that could end either. */
function parseCommentKey(value: string): string {
  const key = value.trim();
  if (key !== '' && !/^[A-Za-z0-9._-]{1,64}$/.test(key)) {
    throw new UsageError(`comment-key: "${value}" must be up to 64 letters, digits, ".", "_" or "-" (e.g. the matrix's arch)`);
  }
  return key;
}

function parseInstallNix(value: string): InstallNixMode {
  const v = value.trim().toLowerCase();
  if (v === '') return 'auto';
  if (v === 'auto' || v === 'true' || v === 'false') return v;
  throw new UsageError(`install-nix: "${value}" is not auto, true or false`);
}

/** The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts them. */
export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim();
  if (v === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new UsageError(`${name}: "${value}" is not true or false`);
}

/** Whether a storage location is a folder on this machine (what the action may save with @actions/cache). */
export function localStorageFolder(storage: string): string | null {
  if (storage.startsWith('file://')) return decodeURIComponent(new URL(storage).pathname);
  return isFolderPath(storage) ? storage : null;
}
