#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/archive/block-codec.ts
import {
  constants as zlibConstants,
  deflateRaw,
  deflateRawSync,
  zstdCompress,
  zstdCompressSync
} from "node:zlib";
var GZIP_LEVEL = 6;
var ZSTD_LEVEL = 3;
var BLOCK_BYTES = { gzip: 256 * 1024, zstd: 4 * 1024 * 1024 };
var DICTIONARY_BYTES = { gzip: 32 * 1024, zstd: 0 };
function compressBlockSync(job) {
  const data = job.input.subarray(job.dictionaryBytes);
  return job.compression === "gzip" ? deflateRawSync(data, deflateOptions(job)) : zstdCompressSync(data, ZSTD_OPTIONS);
}
function compressBlockAsync(job) {
  const data = job.input.subarray(job.dictionaryBytes);
  return new Promise((resolve, reject) => {
    const done = (err, output) => err ? reject(err) : resolve(output);
    if (job.compression === "gzip") deflateRaw(data, deflateOptions(job), done);
    else zstdCompress(data, ZSTD_OPTIONS, done);
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
var ZSTD_OPTIONS = {
  chunkSize: 256 * 1024,
  params: { [zlibConstants.ZSTD_c_compressionLevel]: ZSTD_LEVEL, [zlibConstants.ZSTD_c_checksumFlag]: 1 }
};
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
