#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  bucketDestination,
  openDestination,
  openRegistryTarget
} from "./chunk-SF4TDIGX.js";
import "./chunk-Y5HCRPBZ.js";
import "./chunk-CTPSFQNY.js";
import "./chunk-GUL5SLUM.js";
import "./chunk-QMMLUDAA.js";
import "./chunk-GCYMDIW2.js";
import "./chunk-DUEYGPJ2.js";
import "./chunk-VQIJQ3JB.js";
import "./chunk-WXRP66RY.js";
import "./chunk-6QJK6SSJ.js";
import "./chunk-4ZPLT25K.js";
export {
  bucketDestination,
  openDestination,
  openRegistryTarget
};
