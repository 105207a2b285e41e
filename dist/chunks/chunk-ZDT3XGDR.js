#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/archive/gzip-blocks.ts
import { constants as zlibConstants, crc32 } from "node:zlib";
var GZIP_BLOCK_BYTES = 256 * 1024;
var DICTIONARY_BYTES = 32 * 1024;
var GZIP_LEVEL = 6;
function blockOptions(job) {
  return {
    level: GZIP_LEVEL,
    finishFlush: job.last ? zlibConstants.Z_FINISH : zlibConstants.Z_SYNC_FLUSH,
    ...job.dictionaryBytes > 0 ? { dictionary: job.input.subarray(0, job.dictionaryBytes) } : {}
  };
}
function blockData(job) {
  return job.input.subarray(job.dictionaryBytes);
}
var GZIP_HEADER = Buffer.from([31, 139, 8, 0, 0, 0, 0, 0, 0, 3]);
async function* gzipInBlocks(source, deflate, inFlight) {
  yield GZIP_HEADER;
  let crc = 0;
  let length = 0;
  const pending = [];
  const send = (job) => {
    const result = deflate(job);
    result.catch(() => {
    });
    pending.push(result);
  };
  let block = newBlock(null);
  for await (const chunk of source) {
    crc = crc32(chunk, crc);
    length += chunk.length;
    for (let offset = 0; offset < chunk.length; ) {
      if (block.filled === GZIP_BLOCK_BYTES) {
        const full = block;
        block = newBlock(full);
        send({ input: full.buffer, dictionaryBytes: full.dictionaryBytes, last: false });
      }
      const take = Math.min(GZIP_BLOCK_BYTES - block.filled, chunk.length - offset);
      block.buffer.set(chunk.subarray(offset, offset + take), block.dictionaryBytes + block.filled);
      block.filled += take;
      offset += take;
    }
    while (pending.length >= inFlight) yield await pending.shift();
  }
  send({ input: block.buffer.subarray(0, block.dictionaryBytes + block.filled), dictionaryBytes: block.dictionaryBytes, last: true });
  while (pending.length > 0) yield await pending.shift();
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  yield trailer;
}
function newBlock(previous) {
  const dictionaryBytes = previous === null ? 0 : DICTIONARY_BYTES;
  const buffer = new Uint8Array(dictionaryBytes + GZIP_BLOCK_BYTES);
  if (previous !== null) {
    const end = previous.dictionaryBytes + previous.filled;
    buffer.set(previous.buffer.subarray(end - DICTIONARY_BYTES, end), 0);
  }
  return { buffer, dictionaryBytes, filled: 0 };
}

export {
  blockOptions,
  blockData,
  gzipInBlocks
};
