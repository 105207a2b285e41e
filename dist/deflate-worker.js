#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  blockData,
  blockOptions
} from "./chunks/chunk-ZDT3XGDR.js";
import "./chunks/chunk-4ZPLT25K.js";

// src/archive/deflate-worker.ts
import { parentPort } from "node:worker_threads";
import { deflateRawSync } from "node:zlib";
parentPort?.on("message", ({ id, job }) => {
  try {
    const output = deflateRawSync(blockData(job), blockOptions(job));
    const own = output.byteOffset === 0 && output.byteLength === output.buffer.byteLength;
    parentPort?.postMessage({ id, output }, own ? [output.buffer] : []);
  } catch (err) {
    parentPort?.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
