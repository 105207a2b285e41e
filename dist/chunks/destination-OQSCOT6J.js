#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  bucketDestination,
  openDestination,
  openRegistryTarget
} from "./chunk-33UKXWJ4.js";
import "./chunk-XRBSOUCT.js";
import "./chunk-4DWZHMQA.js";
import "./chunk-FZNGP23G.js";
import "./chunk-CE262DKV.js";
import "./chunk-6QJK6SSJ.js";
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
