// One zstd frame of a whole block, compressed in one pass into an output buffer this thread keeps. zstdCompressSync
// gives the same bytes, but allocates a fresh output buffer of the worst case (2 MiB) for every block: on a thread
// with a small heap that garbage made V8 run a full collection every few blocks, 12 % of the CPU of a zstd layer.
// Node has no public way to hand zlib an output buffer, so this sets the three fields its synchronous path reads
// (lib/zlib.js, processChunkSync); where they are missing, zstdCompressSync does the work instead. A test checks the
// bytes against zstdCompressSync's.
import { createZstdCompress, type ZstdCompress, type ZstdOptions, zstdCompressSync } from 'node:zlib';

/** What zlib's synchronous path reads from its engine. */
interface SyncEngine {
  _outBuffer: Buffer;
  _outOffset: number;
  _chunkSize: number;
  _finishFlushFlag: number;
  _processChunk(chunk: Uint8Array, flushFlag: number): Buffer;
}

let output: Buffer | null = null;

/**
 * The zstd frame of `data` with `params`, as zstdCompressSync gives it with an output chunk of `bound` bytes (at
 * least ZSTD_compressBound(data), so zstd compresses in one pass). The bytes are the caller's own.
 */
export function zstdFrame(data: Uint8Array, params: ZstdOptions['params'], bound: number): Buffer {
  // The smallest chunk zlib takes: the engine's own output buffer is replaced before use.
  const engine = createZstdCompress({ chunkSize: 64, params }) as ZstdCompress & Partial<SyncEngine>;
  if (typeof engine._processChunk !== 'function' || !('_outBuffer' in engine) || !('_chunkSize' in engine)) {
    engine.close();
    return zstdCompressSync(data, { chunkSize: bound, params });
  }
  if (output === null || output.length < bound) output = Buffer.allocUnsafeSlow(bound);
  engine._outBuffer = output;
  engine._outOffset = 0;
  engine._chunkSize = output.length;
  const frame = engine._processChunk(data, engine._finishFlushFlag!);
  // The frame lies in the kept buffer (or, were it bigger, in buffers zlib added): a copy of its own for the caller.
  const own = new Uint8Array(frame);
  return Buffer.from(own.buffer, 0, own.length);
}
