// How one block of a layer is compressed, for the two compressions that run in blocks on several threads
// (block-stream.ts cuts the blocks and joins the results). Everything here is part of the output format: changing a
// constant changes the layer digests.
//
// gzip, as pigz does: each block is deflated on its own, primed with the 32 KiB before it as dictionary (so matches
// still reach back across the cut and the ratio stays that of one deflate stream), and all but the last end in a
// sync flush, which leaves the output byte-aligned so the blocks' deflate data simply concatenate.
// zstd: each block is its own frame (with its checksum); a zstd stream may hold any number of frames, and big blocks
// keep the ratio at that of zstd's own multithreaded mode. The output buffer holds the worst case of a whole block,
// which lets zstd compress the block in one pass straight from the input; through smaller output chunks it copies
// the input into a ring buffer and works across its seam, for 12 % more CPU and 1 % bigger output. (Node's zstd
// stream with ZSTD_c_nbWorkers loses track of output still being produced at the end: nodejs/node#59899.)
import { constants as zlibConstants, deflateRaw, deflateRawSync, type ZlibOptions } from 'node:zlib';
import { zstdFrame } from './zstd-one-pass.ts';

export type BlockCompression = 'gzip' | 'zstd';

/** gzip -6 is what docker, pigz and nixpkgs default to: a good ratio at a tolerable speed. */
export const GZIP_LEVEL = 6;
/** zstd's own default level: faster than gzip -6 and smaller output. */
export const ZSTD_LEVEL = 3;

/**
 * Input bytes per block: pigz's block size order for gzip. For zstd, 2 MiB frames compressed in one pass are still
 * 0.8 % smaller than zstd -3's own output (4 MiB: 1.3 %), at half the memory per block in flight.
 */
export const BLOCK_BYTES: Record<BlockCompression, number> = { gzip: 256 * 1024, zstd: 2 * 1024 * 1024 };
/** Input before a block that it may refer back to: deflate's whole window for gzip; zstd frames stand alone. */
export const DICTIONARY_BYTES: Record<BlockCompression, number> = { gzip: 32 * 1024, zstd: 0 };

/** One block's work: `input` holds `dictionaryBytes` of the input before the block, then the block itself. */
export interface BlockJob {
  compression: BlockCompression;
  input: Uint8Array;
  dictionaryBytes: number;
  /** gzip's final block ends the deflate stream; the others end in a sync flush. */
  last: boolean;
}

/** Compresses one block on the calling thread (a compression thread's work). */
export function compressBlockSync(job: BlockJob): Buffer {
  const data = job.input.subarray(job.dictionaryBytes);
  return job.compression === 'gzip' ? deflateRawSync(data, deflateOptions(job)) : zstdFrame(data, ZSTD_PARAMS, zstdBound(data.length));
}

/**
 * The same bytes as compressBlockSync, when no compression thread can start: gzip on libuv's threadpool, zstd on the
 * calling thread (Node's asynchronous zstd is fed its input as a stream, so it never compresses in one pass and
 * gives other bytes).
 */
export async function compressBlockAsync(job: BlockJob): Promise<Buffer> {
  if (job.compression === 'zstd') return compressBlockSync(job);
  const data = job.input.subarray(job.dictionaryBytes);
  return new Promise((resolve, reject) => {
    deflateRaw(data, deflateOptions(job), (err, output) => (err ? reject(err) : resolve(output)));
  });
}

function deflateOptions(job: BlockJob): ZlibOptions {
  return {
    level: GZIP_LEVEL,
    // One output chunk holds a typical block's output: fewer pieces to allocate and join.
    chunkSize: 128 * 1024,
    finishFlush: job.last ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH,
    ...(job.dictionaryBytes > 0 ? { dictionary: job.input.subarray(0, job.dictionaryBytes) } : {}),
  };
}

const ZSTD_PARAMS = { [zlibConstants.ZSTD_c_compressionLevel]: ZSTD_LEVEL, [zlibConstants.ZSTD_c_checksumFlag]: 1 };

/**
 * At least zstd's ZSTD_compressBound: the most a frame of `bytes` of input can take (zstd.h's formula, plus room
 * for the frame header and checksum, which the formula already covers; the margin only guards the exact figure).
 */
function zstdBound(bytes: number): number {
  const small = 128 * 1024;
  return bytes + (bytes >>> 8) + (bytes < small ? (small - bytes) >>> 11 : 0) + 64;
}

// RFC 1952 header: deflate, no flags, no mtime, no extra flags, OS "unix": what node's own gzip writes.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);

/** What goes before the first block. */
export function streamHeader(compression: BlockCompression): Buffer {
  return compression === 'gzip' ? GZIP_HEADER : Buffer.alloc(0);
}

/** What goes after the last block, given the CRC32 and length of the whole input. */
export function streamTrailer(compression: BlockCompression, crc: number, length: number): Buffer {
  if (compression === 'zstd') return Buffer.alloc(0);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4); // ISIZE is the length modulo 2^32
  return trailer;
}
