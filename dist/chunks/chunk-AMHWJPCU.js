#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/archive/block-codec.ts
import { constants as zlibConstants, deflateRaw, deflateRawSync } from "node:zlib";

// src/archive/zstd-one-pass.ts
import { createZstdCompress, zstdCompressSync } from "node:zlib";
var output = null;
function zstdFrame(data, params, bound) {
  const engine = createZstdCompress({ chunkSize: 64, params });
  if (typeof engine._processChunk !== "function" || !("_outBuffer" in engine) || !("_chunkSize" in engine)) {
    engine.close();
    return zstdCompressSync(data, { chunkSize: bound, params });
  }
  if (output === null || output.length < bound) output = Buffer.allocUnsafeSlow(bound);
  engine._outBuffer = output;
  engine._outOffset = 0;
  engine._chunkSize = output.length;
  const frame = engine._processChunk(data, engine._finishFlushFlag);
  const own = new Uint8Array(frame);
  return Buffer.from(own.buffer, 0, own.length);
}

// src/archive/block-codec.ts
var GZIP_LEVEL = 6;
var ZSTD_LEVEL = 3;
var BLOCK_BYTES = { gzip: 256 * 1024, zstd: 2 * 1024 * 1024 };
var DICTIONARY_BYTES = { gzip: 32 * 1024, zstd: 0 };
function compressBlockSync(job) {
  const data = job.input.subarray(job.dictionaryBytes);
  return job.compression === "gzip" ? deflateRawSync(data, deflateOptions(job)) : zstdFrame(data, ZSTD_PARAMS, zstdBound(data.length));
}
async function compressBlockAsync(job) {
  if (job.compression === "zstd") return compressBlockSync(job);
  const data = job.input.subarray(job.dictionaryBytes);
  return new Promise((resolve, reject) => {
    deflateRaw(data, deflateOptions(job), (err, output2) => err ? reject(err) : resolve(output2));
  });
}
function deflateOptions(job) {
  return {
    level: GZIP_LEVEL,
    // One output chunk holds a typical block's output: fewer pieces to allocate and join.
    chunkSize: 128 * 1024,
    finishFlush: job.last ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH,
    ...job.dictionaryBytes > 0 ? { dictionary: job.input.subarray(0, job.dictionaryBytes) } : {}
  };
}
var ZSTD_PARAMS = { [zlibConstants.ZSTD_c_compressionLevel]: ZSTD_LEVEL, [zlibConstants.ZSTD_c_checksumFlag]: 1 };
function zstdBound(bytes) {
  const small = 128 * 1024;
  return bytes + (bytes >>> 8) + (bytes < small ? small - bytes >>> 11 : 0) + 64;
}
var GZIP_HEADER = Buffer.from([31, 139, 8, 0, 0, 0, 0, 0, 0, 3]);
function streamHeader(compression) {
  return compression === "gzip" ? GZIP_HEADER : Buffer.alloc(0);
}
function streamTrailer(compression, crc, length) {
  if (compression === "zstd") return Buffer.alloc(0);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  return trailer;
}

export {
  BLOCK_BYTES,
  DICTIONARY_BYTES,
  compressBlockSync,
  compressBlockAsync,
  streamHeader,
  streamTrailer
};
