// The end of a layer's pass (compress.ts): the blob's bytes are hashed and written to its file, and so are the tar's
// bytes (hashed only) when the blob is compressed. It runs on a thread of its own (blob-writer.ts), or on the calling
// thread when no thread can start. Each chunk is written right after it is hashed, with a plain synchronous write:
// the bytes are still in the CPU's cache then. Writes handed to libuv's threadpool ran on another core after the
// chunk had left the cache and fought over the file's lock, and cost three times as much CPU per byte.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

export interface BlobSums {
  /** sha256 and length of the bytes written to the file. */
  blob: { digest: string; bytes: number };
  /** sha256 and length of the tar, when it was given apart from the blob (a compressed blob). */
  tar: { digest: string; bytes: number };
}

class Sum {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');

  add(bytes: Uint8Array): void {
    this.hash.update(bytes);
    this.bytes += bytes.length;
  }

  result(): { digest: string; bytes: number } {
    return { digest: 'sha256:' + this.hash.digest('hex'), bytes: this.bytes };
  }
}

export class BlobFile {
  private readonly blob = new Sum();
  private readonly tar = new Sum();
  private fd: number | null;

  private constructor(fd: number) {
    this.fd = fd;
  }

  static open(path: string): BlobFile {
    return new BlobFile(openSync(path, 'w'));
  }

  /** Bytes of the uncompressed tar: hashed for the diffID, not written. */
  addTar(bytes: Uint8Array): void {
    this.tar.add(bytes);
  }

  /** Bytes of the blob: hashed, then written. */
  addBlob(bytes: Uint8Array): void {
    const fd = this.openFd();
    this.blob.add(bytes);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
  }

  /** Closes the file and gives the sums. */
  close(): BlobSums {
    const fd = this.openFd();
    this.fd = null;
    closeSync(fd);
    return { blob: this.blob.result(), tar: this.tar.result() };
  }

  /** Closes the file after a failure, ignoring a second one. */
  abandon(): void {
    const fd = this.fd;
    this.fd = null;
    try {
      if (fd !== null) closeSync(fd);
    } catch {}
  }

  private openFd(): number {
    if (this.fd === null) throw new Error('blob file used after it was closed');
    return this.fd;
  }
}
