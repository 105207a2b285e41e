import { isAbsolute, resolve as resolvePath } from 'node:path';
import { DEFAULT_LAYER_BUDGET } from '../layers/plan.ts';
import { parseImageName } from '../image/name.ts';
import { parseSourceOption } from '../nix/source.ts';
import type { PackageSource } from '../nix/source.ts';
import { COMPRESSIONS } from '../oci/media-types.ts';
import type { Compression } from '../oci/media-types.ts';

// The action's inputs (action.yml), read and checked before anything is installed or built, so a typo in
// the last image name or a bad budget fails in a second with the input's name in the message.

export type InstallNixMode = 'auto' | 'true' | 'false';

export interface ActionInputs {
  /** Image names as the user wrote them (checked; each builds under its canonical name). */
  images: string[];
  source: PackageSource;
  /** For git sources: the branch, tag or commit after "#" in the URL (default: the default branch). */
  sourceRef?: string;
  storage: string;
  /** Registry host (and optional path) that serves the bucket, for refs and pull commands; '' when not given. */
  registry: string;
  tags: string[];
  budget: number;
  compression: Compression;
  comment: boolean;
  githubToken: string;
  installNix: InstallNixMode;
  extraNixConf: string;
  cache: boolean;
}

/** Reads one input by its action.yml name ('' when unset), like @actions/core's getInput. */
export type InputReader = (name: string) => string;

export const DEFAULT_NIXPKGS = 'nixos-unstable';

/** Thrown for a bad input; the message starts with the input's name. */
export class InputError extends Error {
  override name = 'InputError';
}

export function readActionInputs(read: InputReader, workspace: string): ActionInputs {
  const images = splitList(read('images'));
  if (images.length === 0) throw new InputError('images: give at least one image name, e.g. "shell/git/htop", one per line');
  for (const image of images) {
    try {
      parseImageName(image);
    } catch (error) {
      throw new InputError(`images: ${(error as Error).message}`);
    }
  }
  const storage = read('storage').trim();
  if (storage === '') throw new InputError('storage: give the bucket to write images into, e.g. gs://my-bucket/images or a folder');

  const nixpkgs = parseNixpkgsInput(read('nixpkgs').trim() || DEFAULT_NIXPKGS, workspace);
  return {
    images,
    source: nixpkgs.source,
    ...(nixpkgs.ref !== undefined ? { sourceRef: nixpkgs.ref } : {}),
    storage: isLocalFolder(storage) && !isAbsolute(storage) ? resolvePath(workspace, storage) : storage,
    registry: parseRegistry(read('registry')),
    tags: splitList(read('tags')),
    budget: parseLayerBudget(read('layer-budget')),
    compression: parseCompressionInput(read('compression')),
    comment: parseBoolean('comment', read('comment'), true),
    githubToken: read('github-token').trim(),
    installNix: parseInstallNix(read('install-nix')),
    extraNixConf: read('extra-nix-conf'),
    cache: parseBoolean('cache', read('cache'), true),
  };
}

/** Lines, commas or spaces separate list entries; blank entries and `#` comments are dropped. */
export function splitList(value: string): string[] {
  return value
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .flatMap((line) => line.split(/[\s,]+/))
    .filter(Boolean);
}

const COMMIT = /^[0-9a-f]{40}$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:/;

/**
 * One input names every kind of package set, told apart by spelling alone (never by what exists on disk, so
 * a missing folder is reported as a missing folder and not as a bad channel):
 * 40 hex digits are a nixpkgs commit; a URL (scheme://, user@host:path, or ending in .git) is a git repository,
 * optionally `#ref`; anything with "/" or starting with "." or "~" is a local path (relative to the workspace);
 * everything else must be a channel name such as nixos-24.05.
 */
export function parseNixpkgsInput(value: string, workspace: string): { source: PackageSource; ref?: string } {
  const v = value.trim();
  try {
    if (COMMIT.test(v)) return { source: parseSourceOption('nixpkgs', v) };
    if (SCHEME.test(v) || SCP_LIKE.test(v) || /\.git(?:#.*)?$/.test(v)) {
      const hash = v.indexOf('#');
      const url = hash === -1 ? v : v.slice(0, hash);
      const ref = hash === -1 ? undefined : v.slice(hash + 1);
      if (ref === '') throw new Error(`"${v}" ends in "#": put a branch, tag or commit after it, or drop it`);
      return { source: parseSourceOption('git', url), ...(ref !== undefined ? { ref } : {}) };
    }
    if (v.includes('/') || v.startsWith('.') || v.startsWith('~')) {
      const expanded = v.startsWith('~/') ? `${process.env.HOME ?? '~'}${v.slice(1)}` : v;
      return { source: parseSourceOption('path', expanded, { cwd: workspace }) };
    }
    return { source: parseSourceOption('channel', v) };
  } catch (error) {
    throw new InputError(
      `nixpkgs: ${(error as Error).message}. ` +
        'Give a 40-hex nixpkgs commit, a channel (nixos-24.05), a git URL (https://…/repo.git#ref) or a path (./nix)',
    );
  }
}

function isLocalFolder(storage: string): boolean {
  return !SCHEME.test(storage);
}

function parseRegistry(value: string): string {
  const v = value.trim().replace(/^(?:https?|docker):\/\//, '').replace(/\/+$/, '');
  if (v === '') return '';
  if (!/^[A-Za-z0-9.-]+(?::\d+)?(?:\/[a-z0-9._/-]+)?$/.test(v)) {
    throw new InputError(`registry: "${value}" is not a registry host such as images.example.com or localhost:5000/team`);
  }
  return v;
}

// Docker refuses images of more than 125 layers, and every image adds one customisation layer.
const MAX_BUDGET = 124;

function parseLayerBudget(value: string): number {
  const v = value.trim();
  if (v === '') return DEFAULT_LAYER_BUDGET;
  const budget = Number(v);
  if (!/^\d+$/.test(v) || budget < 1 || budget > MAX_BUDGET) {
    throw new InputError(`layer-budget: "${value}" is not a whole number from 1 to ${MAX_BUDGET}`);
  }
  return budget;
}

function parseCompressionInput(value: string): Compression {
  const v = value.trim();
  if (v === '') return 'gzip';
  if (!(COMPRESSIONS as readonly string[]).includes(v)) {
    throw new InputError(`compression: "${value}" is not one of ${COMPRESSIONS.join(', ')}`);
  }
  return v as Compression;
}

function parseInstallNix(value: string): InstallNixMode {
  const v = value.trim().toLowerCase();
  if (v === '') return 'auto';
  if (v === 'auto' || v === 'true' || v === 'false') return v;
  throw new InputError(`install-nix: "${value}" is not auto, true or false`);
}

/** The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts them. */
export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim();
  if (v === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new InputError(`${name}: "${value}" is not true or false`);
}

/** Whether a storage location is a folder on this machine (what the action may save with @actions/cache). */
export function localStorageFolder(storage: string): string | null {
  if (storage.startsWith('file://')) return decodeURIComponent(new URL(storage).pathname);
  return isLocalFolder(storage) ? storage : null;
}
