#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/archive/blob-file.ts
import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
var Sum = class {
  bytes = 0;
  hash = createHash("sha256");
  add(bytes) {
    this.hash.update(bytes);
    this.bytes += bytes.length;
  }
  result() {
    return { digest: "sha256:" + this.hash.digest("hex"), bytes: this.bytes };
  }
};
var BlobFile = class _BlobFile {
  blob = new Sum();
  tar = new Sum();
  fd;
  constructor(fd) {
    this.fd = fd;
  }
  static open(path) {
    return new _BlobFile(openSync(path, "w"));
  }
  /** Bytes of the uncompressed tar: hashed for the diffID, not written. */
  addTar(bytes) {
    this.tar.add(bytes);
  }
  /** Bytes of the blob: hashed, then written. */
  addBlob(bytes) {
    const fd = this.openFd();
    this.blob.add(bytes);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
  }
  /** Closes the file and gives the sums. */
  close() {
    const fd = this.openFd();
    this.fd = null;
    closeSync(fd);
    return { blob: this.blob.result(), tar: this.tar.result() };
  }
  /** Closes the file after a failure, ignoring a second one. */
  abandon() {
    const fd = this.fd;
    this.fd = null;
    try {
      if (fd !== null) closeSync(fd);
    } catch {
    }
  }
  openFd() {
    if (this.fd === null) throw new Error("blob file used after it was closed");
    return this.fd;
  }
};

// src/archive/chunk-pool.ts
var CHUNK_BYTES = 1024 * 1024;
var WRITER_CHUNKS_IN_FLIGHT = 8;
var MAX_SPARE = 3 * WRITER_CHUNKS_IN_FLIGHT;
var spare = [];
var owned = /* @__PURE__ */ new WeakSet();
function takeChunk() {
  const memory = spare.pop() ?? new Uint8Array(CHUNK_BYTES);
  owned.add(memory.buffer);
  return Buffer.from(memory.buffer, 0, CHUNK_BYTES);
}
function recycleChunk(memory) {
  if (memory.byteLength === CHUNK_BYTES && spare.length < MAX_SPARE && !(memory instanceof SharedArrayBuffer)) {
    spare.push(new Uint8Array(memory));
  }
}
function ownMemory(memory) {
  owned.add(memory);
}
function isOwnedMemory(bytes) {
  return owned.has(bytes.buffer);
}

export {
  BlobFile,
  CHUNK_BYTES,
  WRITER_CHUNKS_IN_FLIGHT,
  takeChunk,
  recycleChunk,
  ownMemory,
  isOwnedMemory
};
