#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/compare.ts
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export {
  compareStrings
};
