// The end of a layer's pass (compress.ts): the blob's bytes are hashed and written to its file in order, and so are
// the tar's bytes (hashed only) when the blob is compressed. It runs on a thread of its own (blob-writer.ts), or
// on the calling thread when no thread can start.
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
  private readonly fd: number;
  private readonly blob = new Sum();
  private readonly tar = new Sum();

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Bytes of the uncompressed tar: hashed for the diffID, not written. */
  addTar(bytes: Uint8Array): void {
    this.tar.add(bytes);
  }

  /** Bytes of the blob: hashed and written. */
  addBlob(bytes: Uint8Array): void {
    this.blob.add(bytes);
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset);
  }

  /** Closes the file and gives the sums. */
  close(): BlobSums {
    closeSync(this.fd);
    return { blob: this.blob.result(), tar: this.tar.result() };
  }

  /** Closes the file after a failure, ignoring a second one. */
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {}
  }
}
