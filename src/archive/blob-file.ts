// The end of a layer's pass (compress.ts): the blob's bytes are hashed and written to its file, and so are the tar's
// bytes (hashed only) when the blob is compressed. It runs on a thread of its own (blob-writer.ts), or on the calling
// thread when no thread can start. Each write goes to libuv's threadpool at its own offset, so the disk write of a
// chunk runs while the same chunk is hashed here.
import { createHash, type Hash } from 'node:crypto';
import { close, open, write } from 'node:fs';
import { promisify } from 'node:util';

export interface BlobSums {
  /** sha256 and length of the bytes written to the file. */
  blob: { digest: string; bytes: number };
  /** sha256 and length of the tar, when it was given apart from the blob (a compressed blob). */
  tar: { digest: string; bytes: number };
}

const openFile = promisify(open);
const closeFile = promisify(close);
function writeAt(fd: number, bytes: Uint8Array, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    write(fd, bytes, offset, length, position, (err, written) => (err ? reject(err) : resolve(written))),
  );
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
  private readonly writes = new Set<Promise<void>>();
  private readonly fd: number;

  private constructor(fd: number) {
    this.fd = fd;
  }

  static async open(path: string): Promise<BlobFile> {
    return new BlobFile(await openFile(path, 'w'));
  }

  /** Bytes of the uncompressed tar: hashed for the diffID, not written. */
  addTar(bytes: Uint8Array): void {
    this.tar.add(bytes);
  }

  /** Bytes of the blob: written (resolves once on disk) and hashed meanwhile. Keep `bytes` until it resolves. */
  addBlob(bytes: Uint8Array): Promise<void> {
    const written = this.writeAll(bytes, this.blob.bytes);
    this.writes.add(written);
    written.then(
      () => this.writes.delete(written),
      () => {},
    );
    this.blob.add(bytes);
    return written;
  }

  /** Waits for the writes, closes the file and gives the sums. */
  async close(): Promise<BlobSums> {
    try {
      await Promise.all(this.writes);
    } finally {
      await closeFile(this.fd);
    }
    return { blob: this.blob.result(), tar: this.tar.result() };
  }

  /** Closes the file after a failure, ignoring a second one. */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.writes);
    await closeFile(this.fd).catch(() => {});
  }

  private async writeAll(bytes: Uint8Array, position: number): Promise<void> {
    for (let done = 0; done < bytes.length; ) done += await writeAt(this.fd, bytes, done, bytes.length - done, position + done);
  }
}
