#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  parseSourceOption
} from "./chunk-I7UVFNIX.js";
import {
  UsageError
} from "./chunk-WXRP66RY.js";

// src/settings/source.ts
import { resolve as resolvePath } from "node:path";

// src/nix/flake-lock.ts
import { readFileSync } from "node:fs";
var DEFAULT_LOCK_INPUT = "nixpkgs";
function sourceFromFlakeLock(file, input, shown) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const e = error;
    const why = e.code === "ENOENT" ? "does not exist" : `cannot be read (${e.code ?? e.message})`;
    throw new UsageError(`${shown} ${why} (looked at ${file}): run "nix flake lock" and commit flake.lock`);
  }
  let lock;
  try {
    lock = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${shown} is not valid JSON: ${error.message}`);
  }
  const nodes = lock.nodes ?? {};
  const root = nodes[lock.root ?? "root"];
  const inputs = Object.keys(root?.inputs ?? {});
  const target = root?.inputs?.[input];
  if (target === void 0) {
    throw new UsageError(
      `${shown} has no input "${input}"; its inputs are ${inputs.length > 0 ? inputs.join(", ") : "none"} (name one as flake.lock#INPUT)`
    );
  }
  const node = typeof target === "string" ? nodes[target] : void 0;
  const locked = node?.locked;
  if (!locked) throw new UsageError(`${shown}: input "${input}" is not locked to a revision (it follows another input)`);
  const rev = typeof locked.rev === "string" ? locked.rev : void 0;
  const narHash = typeof locked.narHash === "string" ? locked.narHash : void 0;
  if (locked.type === "github" && rev) {
    if (String(locked.owner).toLowerCase() === "nixos" && String(locked.repo).toLowerCase() === "nixpkgs") {
      return { kind: "nixpkgs", commit: rev, ...narHash ? { sha256: narHash } : {} };
    }
    return { kind: "git", url: `https://github.com/${String(locked.owner)}/${String(locked.repo)}.git`, rev };
  }
  if (locked.type === "git" && rev && typeof locked.url === "string") return { kind: "git", url: locked.url, rev };
  throw new UsageError(
    `${shown}: input "${input}" is locked as ${String(locked.type)}${rev ? "" : " without a revision"}; flake.lock pins a package set only for github: and git inputs with a rev`
  );
}

// src/settings/source.ts
var DEFAULT_CHANNEL = "nixos-unstable";
var SOURCE_OPTIONS = {
  nixpkgs: { type: "string" },
  "nixpkgs-sha256": { type: "string" },
  channel: { type: "string" },
  "pkgs-repo": { type: "string" },
  "pkgs-path": { type: "string" },
  flake: { type: "string" }
};
var SOURCE_FLAGS = ["nixpkgs", "channel", "pkgs-repo", "pkgs-path", "flake"];
var SOURCE_KINDS = { nixpkgs: "nixpkgs", channel: "channel", "pkgs-repo": "git", "pkgs-path": "path", flake: "flake" };
var SOURCE_ENV = [
  ["NIXERY_CHANNEL", "channel"],
  ["NIXERY_PKGS_REPO", "git"],
  ["NIXERY_PKGS_PATH", "path"]
];
function sourceFromEnvName(env) {
  return SOURCE_ENV.find(([name]) => nonEmpty(env[name]) !== void 0)?.[0];
}
function chooseSource(values, env = {}) {
  const given = SOURCE_FLAGS.filter((flag2) => values[flag2] !== void 0);
  if (given.length > 1) throw new UsageError(`choose one package set, not ${given.map((f) => `--${f}`).join(" and ")}`);
  if (values["nixpkgs-sha256"] !== void 0 && given[0] !== "nixpkgs") {
    throw new UsageError("--nixpkgs-sha256 goes with --nixpkgs");
  }
  const flag = given[0];
  if (flag !== void 0) {
    const lock = flag === "nixpkgs" ? flakeLockSpelling(values.nixpkgs, process.cwd()) : void 0;
    if (lock) {
      if (values["nixpkgs-sha256"] !== void 0) throw new UsageError("--nixpkgs-sha256 goes with a commit, not with flake.lock");
      return lock;
    }
    const sha256 = values["nixpkgs-sha256"];
    return parseSourceOption(SOURCE_KINDS[flag], values[flag], sha256 === void 0 ? {} : { sha256 });
  }
  for (const [name, kind] of SOURCE_ENV) {
    const value = nonEmpty(env[name]);
    if (value === void 0) continue;
    try {
      return parseSourceOption(kind, value);
    } catch (error) {
      throw new UsageError(`${name}: ${error.message}`);
    }
  }
  return parseSourceOption("channel", DEFAULT_CHANNEL);
}
function nonEmpty(value) {
  return value === void 0 || value.trim() === "" ? void 0 : value;
}
var FLAKE_LOCK = /^(?:(.*\/))?flake\.lock(?:#(.*))?$/;
function flakeLockSpelling(value, cwd) {
  const m = FLAKE_LOCK.exec(value.trim());
  if (!m) return void 0;
  const file = resolvePath(cwd, `${m[1] ?? ""}flake.lock`);
  const input = m[2] ?? DEFAULT_LOCK_INPUT;
  if (input === "") throw new UsageError(`"${value}" ends in "#": name a flake input after it, or drop it`);
  return sourceFromFlakeLock(file, input, value.trim().replace(/#.*$/, ""));
}

export {
  DEFAULT_CHANNEL,
  SOURCE_OPTIONS,
  SOURCE_FLAGS,
  sourceFromEnvName,
  chooseSource
};
