#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/nix/store-path.ts
var HASH_PART = 33;
function storePathName(path) {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base.length > HASH_PART && base[HASH_PART - 1] === "-" ? base.slice(HASH_PART) : base;
}
function parseDrvName(drvName) {
  for (let i = 0; i < drvName.length; i++) {
    if (drvName[i] === "-" && i + 1 < drvName.length && !/[A-Za-z]/.test(drvName[i + 1])) {
      return { name: drvName.slice(0, i), version: drvName.slice(i + 1) };
    }
  }
  return { name: drvName, version: "" };
}

export {
  storePathName,
  parseDrvName
};
