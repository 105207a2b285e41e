#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  bucketDestination,
  openDestination,
  openRegistryTarget
} from "./chunk-EVJCGYKH.js";
import "./chunk-O24L2RFY.js";
import "./chunk-4PSOPWXV.js";
import "./chunk-LVTSG2TD.js";
import "./chunk-55N5X2SW.js";
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
