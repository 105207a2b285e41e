#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  BlobFile,
  CHUNK_BYTES
} from "./chunks/chunk-PGH5EW64.js";
import "./chunks/chunk-4ZPLT25K.js";

// src/archive/blob-writer-worker.ts
import { parentPort } from "node:worker_threads";
var file = null;
var failed = false;
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
function handle(request) {
  switch (request.op) {
    case "open":
      failed = false;
      file = BlobFile.open(request.path);
      return;
    case "tar":
      if (!failed) file.addTar(request.bytes);
      done(request);
      return;
    case "blob":
      if (!failed) {
        try {
          file.addBlob(request.bytes);
        } catch (err) {
          fail(err);
        }
      }
      done(request);
      return;
    case "close": {
      const closing = file;
      file = null;
      let sums = null;
      try {
        if (failed) closing?.abandon();
        else sums = closing.close();
      } catch (err) {
        fail(err);
      }
      reply({ op: "closed", sums });
      return;
    }
  }
}
parentPort?.on("messageerror", (err) => fail(err));
parentPort?.on("message", (request) => {
  try {
    handle(request);
  } catch (err) {
    fail(err);
  }
});
