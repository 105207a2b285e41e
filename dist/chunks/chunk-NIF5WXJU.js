#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  UsageError
} from "./chunk-WXRP66RY.js";

// src/nix/activity.ts
var LOCAL_BUILDER = "local";
var BUILDING = /^building '(\/[^']+\.drv)'(?: on '([^']+)')?\.\.\.$/;
var COPYING = /^copying path '(\/[^']+)' from '([^']+)'\.\.\.$/;
var NixActivityLog = class {
  builders = /* @__PURE__ */ new Map();
  fetched = [];
  /** Reads one log line; returns the build it announces, the first time a derivation is seen building. */
  read(line) {
    const text = line.trim();
    const building = BUILDING.exec(text);
    if (building) {
      const derivation = building[1];
      if (this.builders.has(derivation)) return void 0;
      const builder = building[2] ?? LOCAL_BUILDER;
      this.builders.set(derivation, builder);
      return { derivation, builder };
    }
    const copying = COPYING.exec(text);
    if (copying) this.fetched.push({ path: copying[1], from: copying[2] });
    return void 0;
  }
  activity() {
    const machines = new Set([...this.builders.values()].map((uri) => uri.split("?")[0]));
    return {
      builds: [...this.builders].map(([derivation, builder]) => ({ derivation, builder })),
      substituted: this.fetched.filter((f) => !machines.has(f.from.split("?")[0]))
    };
  }
};
function derivationName(derivation) {
  return derivation.slice(derivation.lastIndexOf("/") + 1).replace(/^[0-9a-z]{32}-/, "");
}
function builtWhere(builder) {
  return builder === LOCAL_BUILDER ? "locally" : `on ${builder}`;
}
function derivationsByBuilder(builds) {
  const grouped = /* @__PURE__ */ new Map();
  for (const { derivation, builder } of builds) grouped.set(builder, [...grouped.get(builder) ?? [], derivation]);
  return grouped;
}

// src/nix/source.ts
import { existsSync, statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
var COMMIT = /^[0-9a-f]{40}$/;
function isCommitHash(text) {
  return COMMIT.test(text);
}
var SHA256 = /^(?:[0-9a-df-np-sv-z]{52}|[0-9a-f]{64}|sha256-[A-Za-z0-9+/]{43}=)$/;
var CHANNEL = /^(?:nixos|nixpkgs)-(?:unstable|\d{2}\.\d{2})(?:-[a-z0-9]+)?$/;
var GIT_URL = /^(?:(?:https?|ssh|git|file):\/\/\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+)$/;
var KIND_ALIASES = { "pkgs-repo": "git", "pkgs-path": "path" };
function parseSourceOption(kindOrAlias, value, extrasOrSha256 = {}) {
  const kind = KIND_ALIASES[kindOrAlias] ?? kindOrAlias;
  const extras = typeof extrasOrSha256 === "string" ? { sha256: extrasOrSha256 } : extrasOrSha256;
  const v = value.trim();
  if (extras.sha256 !== void 0 && kind !== "nixpkgs" && !(kind === "channel" && COMMIT.test(v))) {
    throw new UsageError(`a sha256 only applies to a nixpkgs commit, not to a ${kind} source`);
  }
  switch (kind) {
    case "nixpkgs": {
      if (!COMMIT.test(v)) {
        throw new UsageError(`invalid nixpkgs commit "${value}": expected a full 40-character lowercase hex commit hash`);
      }
      return withSha256({ kind: "nixpkgs", commit: v }, extras.sha256);
    }
    case "channel": {
      if (COMMIT.test(v)) return withSha256({ kind: "nixpkgs", commit: v }, extras.sha256);
      if (!CHANNEL.test(v)) {
        throw new UsageError(
          `invalid channel "${value}": expected a NixOS channel name such as nixos-unstable, nixos-24.05 or nixpkgs-unstable`
        );
      }
      return { kind: "channel", channel: v };
    }
    case "git": {
      if (!GIT_URL.test(v)) {
        throw new UsageError(`invalid git URL "${value}": expected https://, ssh://, git://, file:// or user@host:path`);
      }
      return { kind: "git", url: v };
    }
    case "path": {
      if (v === "") throw new UsageError("empty package set path: give a folder with a default.nix, or a .nix file");
      const abs = resolvePath(extras.cwd ?? process.cwd(), v);
      if (!existsSync(abs)) throw new UsageError(`package set path "${value}" does not exist (looked at ${abs})`);
      if (statSync(abs).isDirectory() && !existsSync(`${abs}/default.nix`)) {
        throw new UsageError(`package set folder "${value}" has no default.nix (looked in ${abs})`);
      }
      return { kind: "path", path: abs };
    }
    case "flake": {
      if (v === "") throw new UsageError("empty flake reference: give a path (.), git+file:, github:owner/repo/rev, \u2026");
      const isPath = v.startsWith(".") || v.startsWith("/");
      return { kind: "flake", ref: isPath ? resolvePath(extras.cwd ?? process.cwd(), v) : v };
    }
    default:
      throw new UsageError(`unknown package source kind "${kind}": expected nixpkgs, channel, git, path or flake`);
  }
}
function withSha256(source, sha256) {
  if (sha256 === void 0) return source;
  const h = sha256.trim();
  if (!SHA256.test(h)) {
    throw new UsageError(
      `invalid sha256 "${sha256}": expected 52 base-32 characters (as nix-prefetch-url prints), 64 hex, or sha256-<base64>`
    );
  }
  return { ...source, sha256: h };
}
function describeSource(source, revision) {
  switch (source.kind) {
    case "nixpkgs":
      return `nixpkgs ${source.commit}`;
    case "channel":
      return `channel ${source.channel}`;
    case "git": {
      const rev = revision ?? source.rev;
      return `git ${withoutCredentials(source.url)}${rev ? `#${rev}` : ""}`;
    }
    case "path":
      return `path ${source.path}`;
    case "flake":
      return `flake ${source.ref}${revision ? `#${revision}` : ""}`;
  }
}
function withoutCredentials(url) {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}

// src/worker-script.ts
import { existsSync as existsSync2 } from "node:fs";
function findWorkerScript(name, base) {
  for (const candidate of [`./${name}.ts`, `../${name}.js`, `./${name}.js`]) {
    const script = new URL(candidate, base);
    if (existsSync2(script)) return script;
  }
  return null;
}

export {
  findWorkerScript,
  NixActivityLog,
  derivationName,
  builtWhere,
  derivationsByBuilder,
  isCommitHash,
  parseSourceOption,
  describeSource,
  withoutCredentials
};
