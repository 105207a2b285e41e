import { BucketAccessError } from '../errors.ts';
import type { StorageBackend } from './backend.ts';

/** Long enough for a slow store's first answer, short enough that a wrong bucket fails before any build starts. */
export const PROBE_TIMEOUT_MS = 20_000;

/**
 * Asks the bucket for one small object (present or not) before any work that would be lost if the bucket can't
 * be reached: missing credentials, a wrong endpoint or a refused read fail here in seconds, not after a Nix build
 * and the client library's minutes of retries.
 */
export async function probeBucket(storage: StorageBackend, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new BucketAccessError(
            'reach',
            storage.location,
            `no answer within ${timeoutMs / 1000} s`,
            'check the bucket name, the endpoint and the credentials (checked before building, so nothing was built)',
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([storage.stat('index.json'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
