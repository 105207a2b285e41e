#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  bucketDestination,
  openDestination,
  openRegistryTarget
} from "./chunk-7XIGOSLS.js";
import "./chunk-6YGRAJ7Q.js";
import "./chunk-OYX4BK3X.js";
import "./chunk-GJPUHGOR.js";
import "./chunk-E6FWP46A.js";
import "./chunk-GCYMDIW2.js";
import "./chunk-DUEYGPJ2.js";
import "./chunk-VQIJQ3JB.js";
import "./chunk-WXRP66RY.js";
import "./chunk-4ZPLT25K.js";
export {
  bucketDestination,
  openDestination,
  openRegistryTarget
};
