// Turns a layer tarball into a blob file and its two digests in one streaming pass, so a multi-GB layer
// is read once and never held in memory.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGzip, createZstdCompress } from 'node:zlib';
import type { Compression } from '../oci/media-types.ts';

export interface LayerDigests {
  /** sha256 of the blob as written (the compressed bytes): the manifest's layer digest. */
  digest: string;
  /** sha256 of the uncompressed tar: the config's rootfs.diff_ids entry. */
  diffId: string;
  /** Bytes written to the blob file. */
  size: number;
  /** Bytes of the uncompressed tar. */
  uncompressedSize: number;
}

/** gzip -6 is what docker, pigz and nixpkgs default to: a good ratio at a tolerable speed. */
export const GZIP_LEVEL = 6;
/** zstd's own default level: faster than gzip -6 and smaller output. */
export const ZSTD_LEVEL = 3;

// zlib's compression happens on the libuv threadpool in chunks of this size; bigger chunks mean fewer
// round trips to the main thread. Memory per layer stays at a few of these.
const ZLIB_CHUNK_BYTES = 64 * 1024;

/**
 * One streaming pass: tar -> (sha256 diffId) -> compressor -> (sha256 digest, count) -> destFile. Constant memory.
 *
 * Output is deterministic: node's gzip header has no file name, mtime 0 and OS "unix"; zstd frames carry no
 * timestamps. With `none` the blob is the tar itself, so digest === diffId.
 *
 * If the tar stream, the compressor or the disk fails, the promise rejects and destFile is removed, so a
 * half-written blob is never mistaken for a finished one. Compression runs on the libuv threadpool, so
 * several concurrent calls use several cores.
 */
export async function compressLayer(tar: Readable, compression: Compression, destFile: string): Promise<LayerDigests> {
  const uncompressed = new HashingCounter();
  const compressed = new HashingCounter();
  try {
    if (compression === 'none') {
      await pipeline(tar, uncompressed.pass(), createWriteStream(destFile));
      const digest = uncompressed.digest();
      return { digest, diffId: digest, size: uncompressed.bytes, uncompressedSize: uncompressed.bytes };
    }
    await pipeline(tar, uncompressed.pass(), createCompressor(compression), compressed.pass(), createWriteStream(destFile));
    return { digest: compressed.digest(), diffId: uncompressed.digest(), size: compressed.bytes, uncompressedSize: uncompressed.bytes };
  } catch (err) {
    await unlink(destFile).catch(() => {});
    throw err;
  }
}

function createCompressor(compression: 'gzip' | 'zstd'): Transform {
  switch (compression) {
    case 'gzip':
      return createGzip({ level: GZIP_LEVEL, chunkSize: ZLIB_CHUNK_BYTES });
    case 'zstd':
      return createZstdCompress({
        chunkSize: ZLIB_CHUNK_BYTES,
        params: { [zlibConstants.ZSTD_c_compressionLevel]: ZSTD_LEVEL, [zlibConstants.ZSTD_c_checksumFlag]: 1 },
      });
  }
}

/** sha256 and byte count of everything that flows through `pass`. */
class HashingCounter {
  bytes = 0;
  private readonly hash = createHash('sha256');

  readonly pass = () => {
    const counter = this;
    return async function* (source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const chunk of source) {
        counter.hash.update(chunk);
        counter.bytes += chunk.length;
        yield chunk;
      }
    };
  };

  digest(): string {
    return 'sha256:' + this.hash.digest('hex');
  }
}
