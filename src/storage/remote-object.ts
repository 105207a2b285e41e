import { createHash } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { digestHex } from '../oci/digest.ts';

// What the object-store backends (GCS, S3) share: key prefixes, local checksums, the local staging folder.

/** Object metadata field that records a blob's sha256, so an existence check can compare checksums cheaply. */
export const SHA256_METADATA = 'sha256';

/** Blobs never change once written; mutable objects (tags, index.json, caches) must never be cached. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const MUTABLE_CACHE_CONTROL = 'no-store';

/** "images/" for a prefix "images" (or "" for none), so keys join with one "/". */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

export interface LocalChecksums {
  size: number;
  sha256Hex: string;
  md5Base64: string;
}

export function checksumsOfBytes(data: Buffer): LocalChecksums {
  return {
    size: data.length,
    sha256Hex: createHash('sha256').update(data).digest('hex'),
    md5Base64: createHash('md5').update(data).digest('base64'),
  };
}

/** One read of a staged file gives both the sha256 we verify against and the MD5 object stores verify. */
export async function checksumsOfFile(file: string): Promise<LocalChecksums> {
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    sha256.update(chunk);
    md5.update(chunk);
    size += chunk.length;
  }
  return { size, sha256Hex: sha256.digest('hex'), md5Base64: md5.digest('base64') };
}

/** Refuses to upload bytes that do not match the digest they are stored under. */
export function assertDigest(checksums: LocalChecksums, digest: string, what: string): void {
  if (checksums.sha256Hex !== digestHex(digest)) {
    throw new Error(`refusing to upload ${what}: its bytes hash to sha256:${checksums.sha256Hex}, not ${digest}`);
  }
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

/** Retries of one upload are the SDKs' job; this message is for what is left after them. */
export function describeStoreError(verb: string, url: string, error: unknown, hint: string): Error {
  const err = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = err.$metadata?.httpStatusCode ?? (typeof err.code === 'number' ? err.code : undefined);
  const wrapped = new Error(`cannot ${verb} ${url}: ${err.message}${status ? ` (HTTP ${status})` : ''}; ${hint}`);
  wrapped.cause = error;
  return wrapped;
}
