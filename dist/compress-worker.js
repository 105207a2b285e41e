#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  compressBlockSync
} from "./chunks/chunk-AMHWJPCU.js";
import "./chunks/chunk-4ZPLT25K.js";

// src/archive/compress-worker.ts
import { parentPort } from "node:worker_threads";
parentPort?.on("message", ({ id, job }) => {
  try {
    const compressed = compressBlockSync(job);
    const output = compressed.byteOffset === 0 && compressed.byteLength === compressed.buffer.byteLength ? compressed : new Uint8Array(compressed);
    parentPort?.postMessage({ id, output, input: job.input }, [job.input.buffer, output.buffer]);
  } catch (err) {
    parentPort?.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
