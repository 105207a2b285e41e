import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BucketAccessError } from '../errors.ts';

// What the object-store backends (GCS, S3) share: key prefixes, the local staging folder, error descriptions.

/** Object metadata field that records a blob's sha256, so an existence check can compare checksums cheaply. */
export const SHA256_METADATA = 'sha256';

/** Object metadata field a touch writes (the time, for people reading the object); the store's own modification time is what counts. */
export const TOUCHED_METADATA = 'nixery-touched';

/** Keys per listing request: the most either store returns in one page. */
export const LIST_PAGE_SIZE = 1000;

/** "images/" for a prefix "images" (or "" for none), so keys join with one "/". */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

let staging: Promise<string> | undefined;

const STAGING_PREFIX = 'nixery-staging-';
/** A temporary older than this, whose owner cannot be told to be gone, is taken as left behind. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * One private local folder per process for layers staged before upload; writeFile consumes what is put there.
 * Its name carries the pid (nixery-staging-<pid>-XXXXXX), so a later process can tell a killed owner's folder.
 */
export function localStagingDir(): Promise<string> {
  staging ??= (async () => {
    await removeStaleStagingDirs(os.tmpdir());
    // Made synchronously right after the handlers go in, so no signal can land between the folder and its cleanup.
    let dir: string | undefined;
    // Anything left there at exit is an upload that did not happen; it has no use after this process.
    const remove = (): void => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', remove);
    removeOnSignal('SIGTERM', remove);
    removeOnSignal('SIGINT', remove);
    dir = mkdtempSync(path.join(os.tmpdir(), `${STAGING_PREFIX}${process.pid}-`));
    return dir;
  })();
  return staging;
}

/**
 * SIGTERM and SIGINT end a process without 'exit' handlers unless someone listens. When nobody else does (a build),
 * this removes the folder and exits with the conventional 128+signal status. When someone else handles the signal
 * (`nixery serve` closes its server gracefully and then exits normally), it does nothing: the 'exit' handler removes
 * the folder once they are done, and running uploads are not cut from under them.
 */
function removeOnSignal(signal: 'SIGTERM' | 'SIGINT', remove: () => void): void {
  const handler = (): void => {
    if (process.listeners(signal).some((listener) => listener !== handler)) return;
    remove();
    process.exit(128 + os.constants.signals[signal]);
  };
  process.on(signal, handler);
}

/**
 * Removes staging folders a killed process left in `tmp`: those whose pid no longer runs, and those without a pid
 * (older versions) once they are an hour old. Folders of running processes, and anything we may not remove, stay.
 */
export async function removeStaleStagingDirs(tmp: string, now: number = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(tmp).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = /^(\d+)-/.exec(name.slice(STAGING_PREFIX.length))?.[1];
    const dir = path.join(tmp, name);
    if (pid !== undefined) {
      if (Number(pid) === process.pid || isRunning(Number(pid))) continue;
    } else {
      const info = await stat(dir).catch(() => null);
      if (!info || now - info.mtimeMs < STALE_TEMP_MS) continue;
    }
    try {
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // another user's folder, or gone meanwhile
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Retries of one upload are the SDKs' job; this error is for what is left after them. */
export function describeStoreError(verb: string, url: string, error: unknown, hint: string): BucketAccessError {
  const err = error as Error & { code?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = err.$metadata?.httpStatusCode ?? (typeof err.code === 'number' ? err.code : undefined);
  return new BucketAccessError(verb, url, err.message, hint, status, error);
}
