// Turns a layer tarball into a blob file and its two digests in one streaming pass, so a multi-GB layer
// is read once and never held in memory.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Compression } from '../oci/media-types.ts';
import { compressInBlocks } from './block-stream.ts';
import { CompressPool, sharedCompressPool } from './compress-pool.ts';

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

export interface CompressOptions {
  /**
   * Threads that compress this one layer; default: the process's pool, one thread per core, shared by all layers.
   * The output is the same bytes whatever the number.
   */
  threads?: number;
}

/**
 * One streaming pass: tar -> (sha256 diffId) -> compressor -> (sha256 digest, count) -> destFile. Constant memory.
 *
 * Output is deterministic: the same bytes on every run and whatever the number of threads. gzip and zstd are
 * written in fixed-size blocks compressed independently (block-codec.ts): a gzip header without file name or mtime
 * and deflate blocks primed with the input before them, or one zstd frame per block; neither carries a timestamp.
 * With `none` the blob is the tar itself, so digest === diffId.
 *
 * If the tar stream, the compressor or the disk fails, the promise rejects and destFile is removed, so a
 * half-written blob is never mistaken for a finished one. Compression runs off the main thread, on every core
 * even for a single layer.
 */
export async function compressLayer(
  tar: Readable,
  compression: Compression,
  destFile: string,
  options: CompressOptions = {},
): Promise<LayerDigests> {
  const uncompressed = new HashingCounter();
  const compressed = new HashingCounter();
  const ownPool = compression !== 'none' && options.threads !== undefined ? new CompressPool(options.threads) : null;
  try {
    if (compression === 'none') {
      await pipeline(tar, uncompressed.pass(), createWriteStream(destFile));
      const digest = uncompressed.digest();
      return { digest, diffId: digest, size: uncompressed.bytes, uncompressedSize: uncompressed.bytes };
    }
    const pool = ownPool ?? sharedCompressPool();
    const compress = (source: AsyncIterable<Buffer>) => compressInBlocks(source, compression, pool);
    await pipeline(tar, uncompressed.pass(), compress, compressed.pass(), createWriteStream(destFile));
    return { digest: compressed.digest(), diffId: uncompressed.digest(), size: compressed.bytes, uncompressedSize: uncompressed.bytes };
  } catch (err) {
    await unlink(destFile).catch(() => {});
    throw err;
  } finally {
    await ownPool?.close();
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
