import { UsageError } from '../errors.ts';
import type { BuildSettings } from './build-settings.ts';
import { readNixFlags } from './nix-settings.ts';
import type { NixFlagValues } from './nix-settings.ts';
import { readLeaseSettings } from './lease-settings.ts';
import type { LeaseSettings } from './lease-settings.ts';
import { parseBudget, parseCompression, parsePositiveInteger, parseTimeout } from './rules.ts';
import { chooseSource, SOURCE_FLAGS } from './source.ts';
import type { SourceValues } from './source.ts';

// What `nixery serve` runs with, from its flags and Nixery's environment variables (flags win). Reading files
// (htpasswd, tokens) and opening the bucket are the command's job; this module only checks and types.

// 5000 is the port registries conventionally use; 0.0.0.0 because a registry in a container must be reachable
// from outside it (pass --host 127.0.0.1 to keep it on this machine).
export const DEFAULT_PORT = 5000;
export const DEFAULT_HOST = '0.0.0.0';
/** How long tag lookups and tag lists are reused. */
export const DEFAULT_CACHE_TTL_MS = 5_000;
export const DEFAULT_MAX_CONCURRENT_BUILDS = 2;
export const DEFAULT_MAX_QUEUED_BUILDS = 16;

export interface OnDemandSettings extends LeaseSettings {
  build: BuildSettings;
  maxConcurrentBuilds: number;
  /** Builds that may wait for a slot; a new build past this is refused with 429. */
  maxQueuedBuilds: number;
  /** A 40-hex tag selects that nixpkgs commit (only for nixpkgs and channel sources). */
  allowNixpkgsTags: boolean;
}

export interface ServeSettings {
  /** The bucket location, as `openStorage` takes it. */
  storage: string;
  port: number;
  host: string;
  cacheTtlMs: number;
  /** URL clients reach the registry at, for the token challenge. */
  publicUrl?: string;
  redirectBlobs: boolean;
  htpasswdFile?: string;
  tokenFile?: string;
  /** Present when on-demand builds are on. */
  onDemand?: OnDemandSettings;
}

/** The parsed flags `serve` reads (parseArgs' output). */
export type ServeFlagValues = SourceValues &
  NixFlagValues & {
    storage?: string;
    port?: string;
    host?: string;
    htpasswd?: string;
    'token-file'?: string;
    'public-url'?: string;
    'cache-ttl'?: string;
    'redirect-blobs'?: boolean;
    build?: boolean;
    'allow-nixpkgs-tags'?: boolean;
    timeout?: string;
    'max-builds'?: string;
    'build-queue'?: string;
    budget?: string;
    compression?: string;
    lease?: string;
    'build-wait'?: string;
  };

const BUILD_ONLY_FLAGS = [
  ...SOURCE_FLAGS,
  'nixpkgs-sha256',
  'allow-nixpkgs-tags',
  'timeout',
  'max-builds',
  'build-queue',
  'budget',
  'compression',
  'nix-builders',
  'nix-builders-use-substitutes',
  'nix-substituters',
  'nix-trusted-public-keys',
  'nix-cache-push',
  'nix-cache-secret-key-file',
  'lease',
  'build-wait',
] as const;

export function readServeSettings(values: ServeFlagValues, env: NodeJS.ProcessEnv, storageHelp: string): ServeSettings {
  const storage = values.storage ?? storageFromEnv(env);
  if (!storage) throw new UsageError(`--storage is required: the bucket to serve (${storageHelp}); or set NIXERY_STORAGE_BACKEND`);
  if (!values.build) {
    const given = BUILD_ONLY_FLAGS.find((flag) => values[flag] !== undefined && values[flag] !== false);
    if (given) throw new UsageError(`--${given} only applies with --build (on-demand builds)`);
  }
  const publicUrl = values['public-url'] === undefined ? undefined : parsePublicUrl(values['public-url']);
  return {
    storage,
    port: parsePort(values.port, env),
    host: values.host ?? DEFAULT_HOST,
    cacheTtlMs: parseCacheTtl(values['cache-ttl']),
    ...(publicUrl ? { publicUrl } : {}),
    redirectBlobs: values['redirect-blobs'] === true,
    ...(values.htpasswd !== undefined ? { htpasswdFile: values.htpasswd } : {}),
    ...(values['token-file'] !== undefined ? { tokenFile: values['token-file'] } : {}),
    ...(values.build ? { onDemand: readOnDemandSettings(values, env) } : {}),
  };
}

function readOnDemandSettings(values: ServeFlagValues, env: NodeJS.ProcessEnv): OnDemandSettings {
  const source = chooseSource(values, env);
  const allowNixpkgsTags = values['allow-nixpkgs-tags'] === true;
  if (allowNixpkgsTags && source.kind !== 'nixpkgs' && source.kind !== 'channel') {
    throw new UsageError('--allow-nixpkgs-tags goes with a nixpkgs or channel package set (--nixpkgs, --channel or NIXERY_CHANNEL)');
  }
  const nix = readNixFlags(values, env);
  const timeoutMs = parseTimeout(values.timeout, env);
  return {
    build: {
      source,
      budget: parseBudget(values.budget),
      compression: parseCompression(values.compression),
      timeoutMs,
      nix: nix.nix,
      ...(nix.closurePush ? { closurePush: nix.closurePush } : {}),
    },
    maxConcurrentBuilds: parsePositiveInteger('--max-builds', values['max-builds']) ?? DEFAULT_MAX_CONCURRENT_BUILDS,
    maxQueuedBuilds: parseQueueLength(values['build-queue']),
    allowNixpkgsTags,
    ...readLeaseSettings(values, env, timeoutMs),
  };
}

/**
 * Nixery's storage settings: NIXERY_STORAGE_BACKEND picks filesystem (STORAGE_PATH), gcs (GCS_BUCKET) or s3
 * (S3_BUCKET, which may carry a prefix: `bucket/images`; endpoint and region come from the usual AWS_* variables).
 */
export function storageFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const backend = env.NIXERY_STORAGE_BACKEND?.trim();
  if (!backend) return undefined;
  if (backend === 'filesystem') {
    if (!env.STORAGE_PATH?.trim())
      throw new UsageError('NIXERY_STORAGE_BACKEND=filesystem needs STORAGE_PATH (the folder to keep images in)');
    return env.STORAGE_PATH.trim();
  }
  if (backend === 'gcs') {
    const bucket = env.GCS_BUCKET?.trim();
    if (!bucket) throw new UsageError('NIXERY_STORAGE_BACKEND=gcs needs GCS_BUCKET (the bucket name)');
    return bucket.startsWith('gs://') ? bucket : `gs://${bucket}`;
  }
  if (backend === 's3') {
    const bucket = env.S3_BUCKET?.trim();
    if (!bucket) throw new UsageError('NIXERY_STORAGE_BACKEND=s3 needs S3_BUCKET (the bucket name, optionally bucket/prefix)');
    return bucket.startsWith('s3://') ? bucket : `s3://${bucket}`;
  }
  throw new UsageError(`NIXERY_STORAGE_BACKEND "${backend}": expected filesystem, gcs or s3 (or use --storage)`);
}

/** Nixery settings that mean nothing here, and why; serve warns once for each one that is set. */
const UNUSED_NIXERY_ENV: Record<string, string> = {
  WEB_DIR: 'the landing page is made from the bucket (every image, tag and layer), so there is no static folder to serve',
  NIX_POPULARITY_URL: 'layers are cut by closure size and sharing, not by a popularity table',
  GCS_SIGNING_KEY: 'blob redirects (--redirect-blobs) are signed with the credentials that open the bucket',
  GCS_SIGNING_ACCOUNT: 'blob redirects (--redirect-blobs) are signed with the credentials that open the bucket',
};

/** One warning per Nixery variable that is set but not used. */
export function unusedNixeryEnv(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(UNUSED_NIXERY_ENV)
    .filter(([name]) => env[name]?.trim())
    .map(([name, why]) => `${name} is set but not used: ${why}`);
}

export function parsePort(value: string | undefined, env: NodeJS.ProcessEnv): number {
  const raw = value ?? env.PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || port > 65535) {
    throw new UsageError(`${value !== undefined ? '--port' : 'PORT'} "${raw}": expected a port number from 0 to 65535`);
  }
  return port;
}

function parseCacheTtl(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CACHE_TTL_MS;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`--cache-ttl "${value}": expected a number of seconds, 0 or more`);
  }
  return seconds * 1000;
}

function parseQueueLength(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_QUEUED_BUILDS;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new UsageError(`--build-queue "${value}": expected a whole number, 0 or more`);
  return n;
}

function parsePublicUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // reported below
  }
  throw new UsageError(`--public-url "${value}": expected an http:// or https:// URL`);
}
