#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  BuildLeases,
  DEFAULT_LEASE_MS,
  LeaseWaitExpired,
  SharedBuildFailure,
  TAKEOVER_MARGIN,
  isStaleLease,
  parseLeaseRecord,
  replicaId
} from "./chunk-QXMWZOXH.js";
import "./chunk-6QJK6SSJ.js";
import "./chunk-4ZPLT25K.js";
export {
  BuildLeases,
  DEFAULT_LEASE_MS,
  LeaseWaitExpired,
  SharedBuildFailure,
  TAKEOVER_MARGIN,
  isStaleLease,
  parseLeaseRecord,
  replicaId
};
