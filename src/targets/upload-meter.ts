import type { Descriptor } from '../oci/descriptor.ts';
import type { ImageTarget } from './target.ts';

/** Bytes sent and skipped, and the wall time during which at least one write ran (writes overlap). */
export class UploadMeter {
  uploadedBytes = 0;
  skippedBytes = 0;
  private active = 0;
  private since = 0;
  private busyMs = 0;

  /** Times one write; `write` returns the bytes it sent, 0 when the target already held the object. */
  async measure(size: number, write: () => Promise<number>): Promise<number> {
    if (this.active++ === 0) this.since = performance.now();
    try {
      const sent = await write();
      if (sent > 0) this.uploadedBytes += sent;
      else this.skippedBytes += size;
      return sent;
    } finally {
      if (--this.active === 0) this.busyMs += performance.now() - this.since;
    }
  }

  /** A blob that was never offered because the target was known to hold it. */
  skip(size: number): void {
    this.skippedBytes += size;
  }

  get seconds(): number {
    return this.busyMs / 1000;
  }
}

/** The same target with every write counted by `meter`. */
export function meteredTarget(target: ImageTarget, meter: UploadMeter): ImageTarget {
  const put = (blob: Descriptor, write: () => Promise<number>) => meter.measure(blob.size, write);
  return {
    location: target.location,
    hasBlob: (name, blob) => target.hasBlob(name, blob),
    stagingDir: () => target.stagingDir(),
    consumesFiles: target.consumesFiles,
    putBlobFile: (name, blob, localPath) => put(blob, () => target.putBlobFile(name, blob, localPath)),
    putBlobBytes: (name, blob, bytes) => put(blob, () => target.putBlobBytes(name, blob, bytes)),
    putManifest: (name, manifest, bytes) => put(manifest, () => target.putManifest(name, manifest, bytes)),
    putReferrer: (name, subject, referrer, bytes) => put(referrer, () => target.putReferrer(name, subject, referrer, bytes)),
    tag: (name, tags, manifest, bytes) => target.tag(name, tags, manifest, bytes),
  };
}
