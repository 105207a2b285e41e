#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  compressBlockSync
} from "./chunks/chunk-SKAKYP26.js";
import "./chunks/chunk-4ZPLT25K.js";

// src/archive/compress-worker.ts
import { parentPort } from "node:worker_threads";
parentPort?.on("message", ({ id, job }) => {
  try {
    const output = compressBlockSync(job);
    const transfer = [job.input.buffer];
    if (output.byteOffset === 0 && output.byteLength === output.buffer.byteLength) transfer.push(output.buffer);
    parentPort?.postMessage({ id, output, input: job.input }, transfer);
  } catch (err) {
    parentPort?.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
