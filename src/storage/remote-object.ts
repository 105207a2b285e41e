import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BucketAccessError } from '../errors.ts';

// What the object-store backends (GCS, S3) share: key prefixes, the local staging folder, error descriptions.

/** Object metadata field that records a blob's sha256, so an existence check can compare checksums cheaply. */
export const SHA256_METADATA = 'sha256';

/** "images/" for a prefix "images" (or "" for none), so keys join with one "/". */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

let staging: Promise<string> | undefined;

/** One private local folder per process for layers staged before upload; writeFile consumes what is put there. */
export function localStagingDir(): Promise<string> {
  staging ??= mkdtemp(path.join(os.tmpdir(), 'nixery-staging-')).then((dir) => {
    // Anything left there at exit is an upload that did not happen; it has no use after this process.
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  });
  return staging;
}

/** Retries of one upload are the SDKs' job; this error is for what is left after them. */
export function describeStoreError(verb: string, url: string, error: unknown, hint: string): BucketAccessError {
  const err = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = err.$metadata?.httpStatusCode ?? (typeof err.code === 'number' ? err.code : undefined);
  return new BucketAccessError(verb, url, err.message, hint, status, error);
}
