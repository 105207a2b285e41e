#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  bcryptjs_default
} from "./chunks/chunk-FDKLNR3X.js";
import "./chunks/chunk-4ZPLT25K.js";

// src/registry/bcrypt-worker.ts
import { parentPort } from "node:worker_threads";
parentPort?.on("message", (job) => {
  let ok = false;
  try {
    ok = bcryptjs_default.compareSync(job.password, job.hash);
  } catch {
    ok = false;
  }
  parentPort?.postMessage(ok);
});
