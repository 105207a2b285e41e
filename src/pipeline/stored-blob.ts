import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Descriptor } from '../oci/descriptor.ts';
import type { ImageStore } from '../storage/image-store.ts';
import type { ImageTarget } from '../targets/target.ts';

/**
 * Hands a target a blob that a bucket already holds: the bucket's own file when the bucket is a local folder and the
 * target only reads what it is given (a registry), else a staged copy. Never compressed again. Returns bytes sent.
 */
export async function putStoredBlob(
  store: ImageStore,
  target: Pick<ImageTarget, 'putBlobFile' | 'stagingDir' | 'consumesFiles'>,
  name: string,
  blob: Descriptor,
): Promise<number> {
  const own = target.consumesFiles ? null : store.localBlobFile(blob.digest);
  if (own) return target.putBlobFile(name, blob, own);
  const staged = await stagingPath(target);
  try {
    await store.stageBlob(blob, staged);
    return await target.putBlobFile(name, blob, staged);
  } finally {
    await rm(staged, { force: true });
  }
}

/** A fresh file name in the target's staging folder. */
export async function stagingPath(target: Pick<ImageTarget, 'stagingDir'>): Promise<string> {
  return path.join(await target.stagingDir(), `blob-${process.pid}-${randomBytes(8).toString('hex')}`);
}
