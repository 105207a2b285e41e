// Turns a layer tarball into a blob file and its two digests in one streaming pass, so a multi-GB layer
// is read once and never held in memory.
import { unlink } from 'node:fs/promises';
import type { Compression } from '../oci/media-types.ts';
import { type BlobWriter, openBlobWriter } from './blob-writer.ts';
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
 * One streaming pass: tar -> compressor -> destFile, with the sha256 of the tar (diffId) and of the blob. Constant
 * memory. The tar's chunks are taken over: the caller must not reuse them (packStorePaths' chunks go back to their
 * pool once written).
 *
 * Output is deterministic: the same bytes on every run and whatever the number of threads. gzip and zstd are
 * written in fixed-size blocks compressed independently (block-codec.ts): a gzip header without file name or mtime
 * and deflate blocks primed with the input before them, or one zstd frame per block; neither carries a timestamp.
 * With `none` the blob is the tar itself, so digest === diffId.
 *
 * If the tar stream, the compressor or the disk fails, the promise rejects and destFile is removed, so a
 * half-written blob is never mistaken for a finished one. Compression runs off the main thread, on every core
 * even for a single layer, and so do hashing and writing (blob-writer.ts).
 */
export async function compressLayer(
  tar: AsyncIterable<Buffer>,
  compression: Compression,
  destFile: string,
  options: CompressOptions = {},
): Promise<LayerDigests> {
  const ownPool = compression !== 'none' && options.threads !== undefined ? new CompressPool(options.threads) : null;
  let writer: BlobWriter | null = null;
  try {
    writer = openBlobWriter(destFile);
    if (compression === 'none') {
      for await (const chunk of tar) await writer.blob(chunk);
      const { blob } = await writer.close();
      return { digest: blob.digest, diffId: blob.digest, size: blob.bytes, uncompressedSize: blob.bytes };
    }
    const blocks = compressInBlocks(hashedBy(writer, tar), compression, ownPool ?? sharedCompressPool());
    for await (const output of blocks) await writer.blob(output);
    const sums = await writer.close();
    return { digest: sums.blob.digest, diffId: sums.tar.digest, size: sums.blob.bytes, uncompressedSize: sums.tar.bytes };
  } catch (err) {
    await writer?.abandon();
    await unlink(destFile).catch(() => {});
    throw err;
  } finally {
    await ownPool?.close();
  }
}

/** `tar`'s chunks, each handed to the writer for the diffID once the next is asked for: the compressor has copied it by then. */
async function* hashedBy(writer: BlobWriter, tar: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of tar) {
    yield chunk;
    await writer.tar(chunk);
  }
}
