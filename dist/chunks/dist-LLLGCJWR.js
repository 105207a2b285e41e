#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  require_dist2 as require_dist
} from "./chunk-ODWDAG7N.js";
import "./chunk-4ZPLT25K.js";
export default require_dist();
