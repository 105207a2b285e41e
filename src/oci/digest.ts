import { createHash } from 'node:crypto';

// Only sha256 is written; the grammar is the distribution spec's, restricted to what we store.
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

export function sha256Digest(data: Buffer | string): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

export function isSha256Digest(value: string): boolean {
  return SHA256_DIGEST.test(value);
}

/** The hex part of a validated digest; throws on anything else so it can never reach a storage key. */
export function digestHex(digest: string): string {
  if (!isSha256Digest(digest)) throw new Error(`invalid digest "${digest}": expected sha256:<64 lowercase hex>`);
  return digest.slice('sha256:'.length);
}
