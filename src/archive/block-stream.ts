// Cuts a layer's bytes into fixed-size blocks, has them compressed (several at once, on other threads), and joins
// the results in order into one gzip or zstd stream (block-codec.ts says how). The output depends only on the
// input, never on how it was cut into chunks, how many threads compress or in which order they finish.
import { crc32 } from 'node:zlib';
import { BLOCK_BYTES, type BlockCompression, type BlockJob, DICTIONARY_BYTES, streamHeader, streamTrailer } from './block-codec.ts';

export interface BlockCompressor {
  /** Waits until the compressor takes one more block: bounds the memory of all layers together. */
  reserve(compression: BlockCompression): Promise<void>;
  /**
   * Memory for a block: its own ArrayBuffer (never a slice of node's shared pool, so it can be handed to a thread
   * without copying), reused from blocks already compressed where possible rather than left as garbage.
   */
  allocate(bytes: number): Uint8Array;
  /** Compresses one block (after a reserve()), taking over its memory; results may come back in any order. */
  compress(job: BlockJob): Promise<Buffer>;
  /** Blocks one layer keeps in flight: enough to keep every thread busy. */
  inFlight(compression: BlockCompression): number;
}

/**
 * The compressed stream of `source`. gzip's CRC32 of the whole input is computed here, in order, as the bytes pass
 * (zlib.crc32 runs at GB/s, and node has no crc32_combine to join per-block CRCs made elsewhere).
 */
export async function* compressInBlocks(
  source: AsyncIterable<Buffer>,
  compression: BlockCompression,
  compressor: BlockCompressor,
): AsyncGenerator<Buffer> {
  const blockBytes = BLOCK_BYTES[compression];
  const dictionaryBytes = DICTIONARY_BYTES[compression];
  const memoryBytes = dictionaryBytes + blockBytes;
  const pending: Promise<Buffer>[] = [];
  const inFlight = compressor.inFlight(compression);

  const send = async (memory: Uint8Array, start: number, end: number, last: boolean) => {
    await compressor.reserve(compression);
    const result = compressor.compress({
      compression,
      input: memory.subarray(start, end),
      dictionaryBytes: start === 0 ? dictionaryBytes : 0,
      last,
    });
    // Failures surface in order, when this block's turn to be written comes.
    result.catch(() => {});
    pending.push(result);
  };
  const next = (): Promise<Buffer> => pending.shift()!;

  yield streamHeader(compression);
  let crc = 0;
  let length = 0;
  // A block's memory holds its dictionary (the tail of the block before) and then the block; the first block has
  // no dictionary and starts `dictionaryBytes` in.
  let memory = compressor.allocate(memoryBytes);
  let start = dictionaryBytes;
  let filled = 0;
  for await (const chunk of source) {
    if (compression === 'gzip') crc = crc32(chunk, crc);
    length += chunk.length;
    for (let offset = 0; offset < chunk.length; ) {
      // A full block is sent only once more input follows it, so the final block is always known to be final.
      if (filled === blockBytes) {
        const full = memory;
        memory = compressor.allocate(memoryBytes);
        // The dictionary is copied before the full block is sent: a thread takes its memory away.
        memory.set(full.subarray(memoryBytes - dictionaryBytes), 0);
        await send(full, start, memoryBytes, false);
        start = 0;
        filled = 0;
      }
      const take = Math.min(blockBytes - filled, chunk.length - offset);
      memory.set(chunk.subarray(offset, offset + take), dictionaryBytes + filled);
      filled += take;
      offset += take;
    }
    while (pending.length >= inFlight) yield await next();
  }
  await send(memory, start, dictionaryBytes + filled, true);
  while (pending.length > 0) yield await next();
  yield streamTrailer(compression, crc, length);
}
