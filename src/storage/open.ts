import { UsageError } from '../errors.ts';
import type { StorageBackend } from './backend.ts';
import { withContentCheck } from './content-check.ts';
import { FilesystemStorage } from './filesystem.ts';

/** S3 settings that a bucket URL cannot carry on AWS; flags win over the URL's query, which wins over AWS_* variables. */
export interface S3Settings {
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
}

export interface OpenStorageOptions {
  s3?: S3Settings;
  env?: NodeJS.ProcessEnv;
}

export const STORAGE_LOCATION_HELP = 'a local folder, gs://BUCKET[/PREFIX] or s3://BUCKET[/PREFIX][?endpoint=URL&region=R&path-style=true]';

/**
 * Opens a bucket from a user-given location: a local folder path or `file://` URL, `gs://bucket/prefix`
 * (Google Cloud Storage; STORAGE_EMULATOR_HOST is honoured) or `s3://bucket/prefix` (S3 and compatible stores).
 * Every backend comes with the content check (content-check.ts) in front of its writes.
 */
export async function openStorage(location: string, options: OpenStorageOptions = {}): Promise<StorageBackend> {
  return withContentCheck(await openBackend(location, options));
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Whether a location is a folder path on this machine (as opposed to a gs://, s3:// or file:// URL). */
export function isFolderPath(location: string): boolean {
  return !SCHEME.test(location);
}

// "gs:/b" (one slash) or "s3:b" is a mistyped URL, not a folder named "gs:" to create in the working directory.
// Two letters at least, so a drive-letter path is never taken for one.
const MISTYPED_URL = /^([a-z][a-z0-9+.-]+):(?!\/\/)/i;

/** A folder location as given, or a usage error when it is a mistyped URL. */
export function assertFolderPath(location: string): string {
  const scheme = MISTYPED_URL.exec(location)?.[1];
  if (scheme !== undefined) {
    throw new UsageError(
      `storage "${location}" looks like a URL but is not one: write ${scheme}://… (two slashes), or ./${location} for a local folder of that name`,
    );
  }
  return location;
}

// The cloud SDKs load only when their scheme is used: together they add over a second to every CLI start.
async function openBackend(location: string, options: OpenStorageOptions): Promise<StorageBackend> {
  const scheme = SCHEME.exec(location)?.[1]?.toLowerCase();
  if (scheme === undefined) return new FilesystemStorage(assertFolderPath(location));
  if (scheme === 'file') return new FilesystemStorage(decodeURIComponent(new URL(location).pathname));
  if (scheme === 'gs') {
    const { bucket, prefix, query } = parseBucketUrl(location);
    if (query.size) throw new UsageError(`storage "${location}": gs:// locations take no ?options`);
    const { GcsStorage } = await import('./gcs.ts');
    return new GcsStorage({ bucket, prefix });
  }
  if (scheme === 's3') {
    const { bucket, prefix, query } = parseBucketUrl(location);
    const { S3Storage } = await import('./s3.ts');
    return new S3Storage({ bucket, prefix, ...resolveS3Settings(location, query, options.s3 ?? {}, options.env ?? process.env) });
  }
  throw new UsageError(`storage "${location}": ${scheme}:// is not supported; use ${STORAGE_LOCATION_HELP}`);
}

function parseBucketUrl(location: string): { bucket: string; prefix: string; query: URLSearchParams } {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new UsageError(`storage "${location}": not a valid URL; use ${STORAGE_LOCATION_HELP}`);
  }
  const bucket = url.hostname;
  // Bucket names of both services: lowercase letters, digits, dots, dashes and (GCS) underscores.
  if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) {
    throw new UsageError(`storage "${location}": "${bucket}" is not a valid bucket name (lowercase letters, digits, ".", "-", "_")`);
  }
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  // URL parsing folds "a/../b" away, so the check looks at the text as given.
  const rawPath = location.replace(/^[a-z0-9]+:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
  if (rawPath.split('/').some((part) => part === '.' || part === '..') || /\/\//.test(prefix)) {
    throw new UsageError(`storage "${location}": the prefix "${prefix}" must be plain folder names separated by "/"`);
  }
  return { bucket, prefix, query: url.searchParams };
}

const S3_QUERY_KEYS = new Set(['endpoint', 'region', 'path-style']);

function resolveS3Settings(location: string, query: URLSearchParams, flags: S3Settings, env: NodeJS.ProcessEnv): S3Settings {
  for (const key of query.keys()) {
    if (!S3_QUERY_KEYS.has(key))
      throw new UsageError(`storage "${location}": unknown option "${key}"; s3:// takes endpoint, region and path-style`);
  }
  const endpoint = flags.endpoint ?? query.get('endpoint') ?? nonEmpty(env.AWS_ENDPOINT_URL_S3) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  const region = flags.region ?? query.get('region') ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  const pathStyleText = query.get('path-style') ?? nonEmpty(env.AWS_S3_FORCE_PATH_STYLE);
  const forcePathStyle =
    flags.forcePathStyle ?? (pathStyleText === undefined || pathStyleText === null ? undefined : parseBoolean(pathStyleText, location));
  if (endpoint !== undefined) {
    try {
      const url = new URL(endpoint);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('scheme');
    } catch {
      throw new UsageError(`S3 endpoint "${endpoint}" for ${location}: expected an http:// or https:// URL`);
    }
  }
  return {
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(forcePathStyle !== undefined ? { forcePathStyle } : {}),
  };
}

function parseBoolean(text: string, location: string): boolean {
  if (/^(1|true|yes)$/i.test(text)) return true;
  if (/^(0|false|no)$/i.test(text)) return false;
  throw new UsageError(`storage "${location}": path-style "${text}": expected true or false`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
