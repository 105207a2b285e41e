#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  LEASES_PREFIX,
  leaseKey,
  leasesPrefix
} from "./chunk-6QJK6SSJ.js";

// src/storage/build-lease.ts
import { randomBytes } from "node:crypto";
import os from "node:os";
import { setTimeout as delay } from "node:timers/promises";
var SharedBuildFailure = class extends Error {
  name = "SharedBuildFailure";
  failure;
  holder;
  constructor(failure, holder) {
    super(`the build on replica ${holder} failed: ${failure.message}`);
    this.failure = failure;
    this.holder = holder;
  }
};
var LeaseWaitExpired = class extends Error {
  name = "LeaseWaitExpired";
  holder;
  constructor(image, tag, holder, waitedMs) {
    super(`${image}:${tag} is still being built by replica ${holder} after ${Math.round(waitedMs / 1e3)}s of waiting`);
    this.holder = holder;
  }
};
var DEFAULT_LEASE_MS = 3e4;
var TAKEOVER_MARGIN = 0.25;
var RENEWALS_PER_LEASE = 3;
var FIRST_POLL_MS = 200;
var UNREADABLE_LEASE_MS = 60 * 60 * 1e3;
function isStaleLease(modified, storeNow, record) {
  return modified < storeNow - 2 * (record ? record.durationMs : UNREADABLE_LEASE_MS);
}
function replicaId(hostname = os.hostname(), pid = process.pid) {
  const host = hostname.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^[.-]+|[.-]+$/g, "").slice(0, 63) || "host";
  return `${host}-${pid}-${randomBytes(3).toString("hex")}`;
}
var BuildLeases = class {
  holder;
  durationMs;
  storage;
  onEvent;
  pollCapMs;
  constructor(storage, options) {
    this.storage = storage;
    this.holder = options.holder;
    this.durationMs = options.durationMs ?? DEFAULT_LEASE_MS;
    if (!(this.durationMs >= 100)) throw new Error(`lease duration ${this.durationMs}ms is too short`);
    this.onEvent = options.onEvent ?? (() => {
    });
    this.pollCapMs = Math.min(1e3, Math.max(FIRST_POLL_MS, this.durationMs / 8));
  }
  /**
   * Makes sure image:tag gets built once across the replicas sharing this bucket: returns `done()`'s answer as soon
   * as it has one, runs `build` when this replica holds the lease, and otherwise waits for the holder.
   */
  async coordinate(options) {
    const { image, tag } = options;
    const started = performance.now();
    const watched = /* @__PURE__ */ new Map();
    const waitedOn = /* @__PURE__ */ new Set();
    let pause = FIRST_POLL_MS;
    let announced = "";
    for (; ; ) {
      const finished = await options.done();
      if (finished !== null) return finished;
      if (options.signal?.aborted) throw options.signal.reason;
      const readAt = performance.now();
      const leases = await this.read(image, tag);
      const failed = leases.find((lease) => lease.record?.state === "failed" && waitedOn.has(lease.key));
      if (failed?.record?.failure) throw new SharedBuildFailure(failed.record.failure, failed.record.holder);
      const live = [];
      const stale = [];
      const present = /* @__PURE__ */ new Set();
      for (const lease of leases) {
        if (lease.record?.state === "failed") continue;
        present.add(lease.key);
        const seen = watched.get(lease.key);
        if (!seen || seen.bytes !== lease.bytes) {
          watched.set(lease.key, { bytes: lease.bytes, since: performance.now() });
          live.push(lease);
        } else if (readAt - seen.since > this.takeoverAfter(lease.record)) {
          stale.push(lease);
        } else {
          live.push(lease);
        }
      }
      for (const key of watched.keys()) if (!present.has(key)) watched.delete(key);
      if (live.length === 0) {
        for (const lease of stale) {
          await this.storage.delete(lease.key);
          watched.delete(lease.key);
          this.onEvent("lease taken over", { image, tag, holder: this.holder, staleHolder: lease.record?.holder ?? lease.key });
        }
        const held = await this.claim(image, tag);
        if (held) {
          const outcome = await this.hold(held, options);
          if (outcome.built) return outcome.value;
          pause = FIRST_POLL_MS;
          continue;
        }
      } else {
        for (const lease of live) waitedOn.add(lease.key);
        const holder = live[0].record?.holder ?? live[0].key;
        if (announced !== holder) {
          announced = holder;
          this.onEvent("waiting for lease", { image, tag, holder: this.holder, leaseHolder: holder });
        }
      }
      const waited = performance.now() - started;
      if (waited > options.waitMs) throw new LeaseWaitExpired(image, tag, announced || "unknown", waited);
      await delay(Math.random() * pause + FIRST_POLL_MS / 2, void 0, options.signal ? { signal: options.signal } : {});
      pause = Math.min(pause * 1.5, this.pollCapMs);
    }
  }
  /** Every claim in the bucket, for the page and for gc. */
  async listAll() {
    return (await this.readUnder(LEASES_PREFIX)).map(({ key, record }) => ({ key, record }));
  }
  takeoverAfter(record) {
    const duration = record ? record.durationMs : this.durationMs;
    return duration * (1 + TAKEOVER_MARGIN);
  }
  read(image, tag) {
    return this.readUnder(leasesPrefix(image, tag));
  }
  async readUnder(prefix) {
    const leases = [];
    for (const key of await this.storage.list(prefix)) {
      let bytes;
      try {
        bytes = await this.storage.readBytes(key);
      } catch {
        leases.push({ key, record: null, bytes: "" });
        continue;
      }
      if (bytes) leases.push({ key, record: parseLeaseRecord(bytes), bytes: bytes.toString("latin1") });
    }
    return leases;
  }
  /** Writes our claim, then looks: alone, we hold the lease; with anyone else building, we take ours back. */
  async claim(image, tag) {
    const key = leaseKey(image, tag, `${this.holder}-${randomBytes(3).toString("hex")}`);
    const now = (/* @__PURE__ */ new Date()).toISOString();
    const record = {
      holder: this.holder,
      image,
      tag,
      durationMs: this.durationMs,
      renewals: 0,
      state: "building",
      since: now,
      renewedAt: now
    };
    const started = performance.now();
    await writeRecord(this.storage, key, record);
    const others = (await this.read(image, tag)).filter((lease) => lease.key !== key && lease.record?.state !== "failed");
    if (others.length > 0) {
      await this.storage.delete(key);
      return null;
    }
    return new HeldLease(this.storage, key, record, started, this.onEvent);
  }
  /** Runs the build under the lease; `built: false` when the lease was lost and the caller should wait again. */
  async hold(lease, options) {
    const fields = { image: options.image, tag: options.tag, holder: this.holder };
    let shared = false;
    try {
      const finished = await options.done();
      if (finished !== null) return { built: true, value: finished };
      this.onEvent("lease taken", { ...fields, durationMs: this.durationMs });
      const value = await options.build(lease.lost.signal);
      return { built: true, value };
    } catch (error) {
      if (lease.lost.signal.aborted) {
        this.onEvent("lease lost", { ...fields, reason: String(lease.lost.signal.reason?.message ?? lease.lost.signal.reason) });
        return { built: false };
      }
      const failure = options.shareFailure(error);
      if (failure) shared = await lease.publishFailure(failure, this.lingerMs());
      throw error;
    } finally {
      lease.stopRenewing();
      if (!shared) await lease.release();
      if (!lease.lost.signal.aborted) this.onEvent("lease released", fields);
    }
  }
  /** A failure stays long enough for every waiter's next look, then goes. */
  lingerMs() {
    return this.pollCapMs * 3;
  }
};
var HeldLease = class {
  lost = new AbortController();
  storage;
  key;
  record;
  onEvent;
  deadline;
  deadlineTimer;
  renewTimer;
  stopped = false;
  /** The renewal write in flight, so release and failure writes come after it. */
  writing = Promise.resolve();
  constructor(storage, key, record, claimStarted, onEvent) {
    this.storage = storage;
    this.key = key;
    this.record = { ...record };
    this.onEvent = onEvent;
    this.deadline = claimStarted + record.durationMs;
    this.armDeadline();
    this.scheduleRenewal(record.durationMs / RENEWALS_PER_LEASE);
  }
  stopRenewing() {
    this.stopped = true;
    clearTimeout(this.deadlineTimer);
    clearTimeout(this.renewTimer);
  }
  /** Removes the claim (success, or a failure nobody needs to hear about). A failed delete leaves it to go stale. */
  async release() {
    this.stopRenewing();
    await this.writing;
    await this.storage.delete(this.key).catch((error) => {
      this.onEvent("lease not removed", { key: this.key, error: String(error) });
    });
  }
  /** Turns the claim into the failure waiting replicas report, and removes it after lingerMs. */
  async publishFailure(failure, lingerMs) {
    this.stopRenewing();
    await this.writing;
    const record = { ...this.record, state: "failed", failure, renewedAt: (/* @__PURE__ */ new Date()).toISOString() };
    try {
      await writeRecord(this.storage, this.key, record);
    } catch {
      return false;
    }
    setTimeout(() => void this.release(), lingerMs).unref();
    return true;
  }
  armDeadline() {
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(() => this.checkDeadline(), Math.max(0, this.deadline - performance.now()));
  }
  checkDeadline() {
    if (this.stopped || this.lost.signal.aborted) return;
    if (performance.now() >= this.deadline) {
      this.lost.abort(new Error(`no renewal of the lease completed within ${this.record.durationMs / 1e3}s`));
      this.stopRenewing();
    } else {
      this.armDeadline();
    }
  }
  scheduleRenewal(afterMs) {
    this.renewTimer = setTimeout(() => {
      this.writing = this.renew();
    }, afterMs);
  }
  async renew() {
    if (this.stopped) return;
    const started = performance.now();
    this.record.renewals++;
    this.record.renewedAt = (/* @__PURE__ */ new Date()).toISOString();
    try {
      await writeRecord(this.storage, this.key, this.record);
    } catch (error) {
      this.onEvent("lease renewal failed", { key: this.key, holder: this.record.holder, error: String(error) });
      if (!this.stopped) this.scheduleRenewal(this.record.durationMs / (RENEWALS_PER_LEASE * 3));
      return;
    }
    if (this.stopped) return;
    if (performance.now() >= this.deadline) {
      this.checkDeadline();
      return;
    }
    this.deadline = started + this.record.durationMs;
    this.armDeadline();
    this.scheduleRenewal(this.record.durationMs / RENEWALS_PER_LEASE);
  }
};
function writeRecord(storage, key, record) {
  return storage.writeBytes(key, Buffer.from(JSON.stringify(record)), { contentType: "application/json" });
}
function parseLeaseRecord(bytes) {
  try {
    const record = JSON.parse(bytes.toString("utf8"));
    if (typeof record.holder !== "string" || typeof record.image !== "string" || typeof record.tag !== "string") return null;
    if (typeof record.durationMs !== "number" || !(record.durationMs > 0) || typeof record.renewals !== "number") return null;
    if (record.state !== "building" && record.state !== "failed") return null;
    return record;
  } catch {
    return null;
  }
}

export {
  SharedBuildFailure,
  LeaseWaitExpired,
  DEFAULT_LEASE_MS,
  TAKEOVER_MARGIN,
  isStaleLease,
  replicaId,
  BuildLeases,
  parseLeaseRecord
};
