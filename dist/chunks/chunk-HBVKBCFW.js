#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/archive/blob-file.ts
import { createHash } from "node:crypto";
import { close, open, write } from "node:fs";
import { promisify } from "node:util";
var openFile = promisify(open);
var closeFile = promisify(close);
function writeAt(fd, bytes, offset, length, position) {
  return new Promise(
    (resolve, reject) => write(fd, bytes, offset, length, position, (err, written) => err ? reject(err) : resolve(written))
  );
}
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
  writes = /* @__PURE__ */ new Set();
  fd;
  constructor(fd) {
    this.fd = fd;
  }
  static async open(path) {
    return new _BlobFile(await openFile(path, "w"));
  }
  /** Bytes of the uncompressed tar: hashed for the diffID, not written. */
  addTar(bytes) {
    this.tar.add(bytes);
  }
  /** Bytes of the blob: written (resolves once on disk) and hashed meanwhile. Keep `bytes` until it resolves. */
  addBlob(bytes) {
    const written = this.writeAll(bytes, this.blob.bytes);
    this.writes.add(written);
    written.then(
      () => this.writes.delete(written),
      () => {
      }
    );
    this.blob.add(bytes);
    return written;
  }
  /** Waits for the writes, closes the file and gives the sums. */
  async close() {
    try {
      await Promise.all(this.writes);
    } finally {
      await closeFile(this.fd);
    }
    return { blob: this.blob.result(), tar: this.tar.result() };
  }
  /** Closes the file after a failure, ignoring a second one. */
  async abandon() {
    await Promise.allSettled(this.writes);
    await closeFile(this.fd).catch(() => {
    });
  }
  async writeAll(bytes, position) {
    for (let done = 0; done < bytes.length; ) done += await writeAt(this.fd, bytes, done, bytes.length - done, position + done);
  }
};

// src/archive/chunk-pool.ts
var CHUNK_BYTES = 1024 * 1024;
var MAX_SPARE = 8;
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
  takeChunk,
  recycleChunk,
  ownMemory,
  isOwnedMemory
};
