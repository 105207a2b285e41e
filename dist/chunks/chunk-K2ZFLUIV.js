#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/storage/cache-control.ts
var IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";
var MUTABLE_CACHE_CONTROL = "no-store";

export {
  IMMUTABLE_CACHE_CONTROL,
  MUTABLE_CACHE_CONTROL
};
