#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/cli/cli.ts
import module from "node:module";
module.enableCompileCache?.();
await import("./chunks/main-7E4MJBHQ.js");
