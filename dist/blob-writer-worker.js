#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  BlobFile,
  CHUNK_BYTES
} from "./chunks/chunk-HBVKBCFW.js";
import "./chunks/chunk-4ZPLT25K.js";

// src/archive/blob-writer-worker.ts
import { parentPort } from "node:worker_threads";
var file = null;
var failed = false;
var queue = Promise.resolve();
var reply = (message, transfer = []) => parentPort?.postMessage(message, transfer);
function fail(err) {
  if (failed) return;
  failed = true;
  reply({ op: "error", message: err instanceof Error ? err.message : String(err) });
}
function done(request) {
  if (request.lent && request.bytes.buffer.byteLength === CHUNK_BYTES)
    reply({ op: "done", size: request.bytes.length, bytes: request.bytes }, [request.bytes.buffer]);
  else reply({ op: "done", size: request.bytes.length, bytes: null });
}
async function handle(request) {
  switch (request.op) {
    case "open":
      failed = false;
      try {
        file = await BlobFile.open(request.path);
      } catch (err) {
        fail(err);
      }
      return;
    case "tar":
      if (!failed) file.addTar(request.bytes);
      return done(request);
    case "blob":
      if (failed) return done(request);
      file.addBlob(request.bytes).then(
        () => done(request),
        (err) => {
          fail(err);
          done(request);
        }
      );
      return;
    case "close": {
      const closing = file;
      file = null;
      let sums = null;
      try {
        if (failed) await closing?.abandon();
        else sums = await closing.close();
      } catch (err) {
        fail(err);
      }
      return reply({ op: "closed", sums });
    }
  }
}
parentPort?.on("messageerror", (err) => fail(err));
parentPort?.on("message", (request) => {
  queue = queue.then(() => handle(request)).catch(fail);
});
