#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  parseSourceOption
} from "./chunk-NIF5WXJU.js";
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

// src/settings/nix-settings.ts
import { existsSync, readFileSync as readFileSync2 } from "node:fs";
var STORE_URL_EXAMPLES = "e.g. https://cache.example.org, s3://bucket?region=eu-west-1, file:///srv/nix-cache";
var STORE_URL = /^(?:[a-z][a-z0-9+.-]*:\/\/\S+|local|daemon|auto|\/\S*)$/i;
var BINARY_CACHE = /^(?:file|https?|s3):\/\//i;
var SYSTEM = /^[a-z0-9_]+-[a-z0-9_]+$/;
var FEATURE = /^[A-Za-z0-9_.+-]+$/;
function readNixSettings(values, names) {
  const nix = {};
  const builders = values.builders?.trim();
  if (builders) nix.builders = checkBuilders(builders, names.builders);
  const useSubstitutes = readBoolean(values.buildersUseSubstitutes, names.buildersUseSubstitutes);
  if (useSubstitutes !== void 0) nix.buildersUseSubstitutes = useSubstitutes;
  const substituters = words(values.substituters);
  for (const url2 of substituters) checkStoreUrl(url2, names.substituters);
  if (substituters.length) nix.substituters = substituters;
  const keys = words(values.trustedPublicKeys);
  for (const key of keys) checkPublicKey(key, names.trustedPublicKeys);
  if (keys.length) nix.trustedPublicKeys = keys;
  const url = values.cachePush?.trim();
  const secretKeyFile = values.cacheSecretKeyFile?.trim();
  if (!url) {
    if (secretKeyFile)
      throw new UsageError(`${names.cacheSecretKeyFile} signs what ${names.cachePush} pushes; give ${names.cachePush} too`);
    return { nix };
  }
  checkStoreUrl(url, names.cachePush);
  if (!secretKeyFile) return { nix, closurePush: { url } };
  if (!BINARY_CACHE.test(url)) {
    throw new UsageError(
      `${names.cacheSecretKeyFile}: "${url}" is not a binary cache (file://, http(s)://, s3://); paths copied to another kind of store keep the signatures they have (sign them with "nix store sign" first)`
    );
  }
  checkSecretKeyFile(secretKeyFile, names.cacheSecretKeyFile);
  return { nix, closurePush: { url, secretKeyFile } };
}
function words(values) {
  return [...new Set((values ?? []).flatMap((v) => v.split(/\s+/)).filter((w) => w !== ""))];
}
function readBoolean(value, name) {
  if (value === void 0 || typeof value === "boolean") return value;
  const text = value.trim().toLowerCase();
  if (text === "") return void 0;
  if (text === "true") return true;
  if (text === "false") return false;
  throw new UsageError(`${name} "${value}": expected true or false`);
}
function checkStoreUrl(url, name) {
  if (!STORE_URL.test(url)) throw new UsageError(`${name}: "${url}" is not a Nix store URL (${STORE_URL_EXAMPLES})`);
}
function checkBuilders(value, name) {
  const machines = value.split(/[;\n]/).map((m) => m.trim()).filter((m) => m !== "");
  for (const machine of machines) {
    if (machine.startsWith("@")) {
      if (!existsSync(machine.slice(1))) throw new UsageError(`${name}: the machines file "${machine.slice(1)}" does not exist`);
      continue;
    }
    const fields = machine.split(/\s+/);
    const [uri, systems, key, jobs, speed, features, mandatory, hostKey] = fields;
    const bad = (why) => new UsageError(`${name}: builder "${machine}": ${why}`);
    if (fields.length > 8)
      throw bad("too many fields; expected URI SYSTEMS SSH-KEY MAX-JOBS SPEED-FACTOR FEATURES MANDATORY-FEATURES HOST-KEY");
    if (!/^(?:ssh|ssh-ng):\/\/[^\s/?]+/.test(uri) && !/^[^\s:/?]+$/.test(uri) && !STORE_URL.test(uri)) {
      throw bad(`"${uri}" is not a store URI (e.g. ssh-ng://builder@big-machine, ssh://builder@10.0.0.5)`);
    }
    const given = (field) => field !== void 0 && field !== "-";
    if (given(systems) && !systems.split(",").every((s) => SYSTEM.test(s))) {
      throw bad(`systems "${systems}" must be comma-separated Nix systems such as x86_64-linux,aarch64-linux (or -)`);
    }
    if (given(key) && !existsSync(key)) throw bad(`the SSH key "${key}" does not exist`);
    if (given(jobs) && !/^\d+$/.test(jobs)) throw bad(`max-jobs "${jobs}" must be a whole number (or -)`);
    if (given(speed) && !(/^\d+(\.\d+)?$/.test(speed) && Number(speed) > 0))
      throw bad(`speed factor "${speed}" must be a positive number (or -)`);
    for (const list of [features, mandatory]) {
      if (given(list) && !list.split(",").every((f) => FEATURE.test(f)))
        throw bad(`features "${list}" must be comma-separated words (or -)`);
    }
    if (given(hostKey) && !isBase64(hostKey)) {
      throw bad("the host key must be base64 (e.g. base64 -w0 of the builder's /etc/ssh/ssh_host_ed25519_key.pub)");
    }
  }
  if (machines.length === 0) throw new UsageError(`${name} is empty: give machines such as "ssh-ng://builder@host x86_64-linux"`);
  return machines.join(";");
}
function checkPublicKey(key, name) {
  const at = key.lastIndexOf(":");
  const data = key.slice(at + 1);
  if (at <= 0 || !isBase64(data) || Buffer.from(data, "base64").length !== 32) {
    throw new UsageError(
      `${name}: "${key}" is not a Nix public key (NAME:BASE64, as in cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=)`
    );
  }
}
function checkSecretKeyFile(file, name) {
  let text;
  try {
    text = readFileSync2(file, "utf8").trim();
  } catch (error) {
    throw new UsageError(`${name}: cannot read "${file}" (${error.code ?? String(error)})`);
  }
  const at = text.lastIndexOf(":");
  const data = text.slice(at + 1);
  if (at <= 0 || !isBase64(data) || Buffer.from(data, "base64").length !== 64) {
    throw new UsageError(
      `${name}: "${file}" is not a Nix secret key (make one with: nix-store --generate-binary-cache-key NAME SECRET PUBLIC)`
    );
  }
}
function isBase64(text) {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0;
}
function readNixFlags(values, env) {
  const pick = (flag, variable, fromEnv) => {
    const value = values[flag];
    if (value !== void 0) return { value, name: `--${flag}` };
    const raw = env[variable];
    return raw !== void 0 && raw.trim() !== "" ? { value: fromEnv(raw), name: variable } : { value: void 0, name: `--${flag}` };
  };
  const builders = pick("nix-builders", "NIXERY_NIX_BUILDERS", (v) => v);
  const useSubstitutes = pick("nix-builders-use-substitutes", "NIXERY_NIX_BUILDERS_USE_SUBSTITUTES", (v) => v);
  const substituters = pick("nix-substituters", "NIXERY_NIX_SUBSTITUTERS", (v) => [v]);
  const keys = pick("nix-trusted-public-keys", "NIXERY_NIX_TRUSTED_PUBLIC_KEYS", (v) => [v]);
  const push = pick("nix-cache-push", "NIXERY_NIX_CACHE_PUSH", (v) => v);
  const secretKey = pick("nix-cache-secret-key-file", "NIXERY_NIX_CACHE_SECRET_KEY_FILE", (v) => v);
  return readNixSettings(
    {
      ...builders.value !== void 0 ? { builders: builders.value } : {},
      ...useSubstitutes.value !== void 0 ? { buildersUseSubstitutes: useSubstitutes.value } : {},
      ...substituters.value !== void 0 ? { substituters: substituters.value } : {},
      ...keys.value !== void 0 ? { trustedPublicKeys: keys.value } : {},
      ...push.value !== void 0 ? { cachePush: push.value } : {},
      ...secretKey.value !== void 0 ? { cacheSecretKeyFile: secretKey.value } : {}
    },
    {
      builders: builders.name,
      buildersUseSubstitutes: useSubstitutes.name,
      substituters: substituters.name,
      trustedPublicKeys: keys.name,
      cachePush: push.name,
      cacheSecretKeyFile: secretKey.name
    }
  );
}

// src/cli/nix-options.ts
var NIX_OPTIONS = {
  "nix-builders": { type: "string" },
  "nix-builders-use-substitutes": { type: "boolean" },
  "nix-substituters": { type: "string", multiple: true },
  "nix-trusted-public-keys": { type: "string", multiple: true },
  "nix-cache-push": { type: "string" },
  "nix-cache-secret-key-file": { type: "string" }
};
var NIX_USAGE = `  --nix-builders SPEC     Nix remote builders (Nix's builders setting; replaces nix.conf's): machines separated
                          by ";", e.g. "ssh-ng://builder@big x86_64-linux /root/.ssh/builder 8" (NIXERY_NIX_BUILDERS)
  --nix-builders-use-substitutes  builders fetch inputs from their own caches (NIXERY_NIX_BUILDERS_USE_SUBSTITUTES)
  --nix-substituters URLS binary caches added to nix.conf's, space-separated or repeated (NIXERY_NIX_SUBSTITUTERS)
  --nix-trusted-public-keys KEYS  cache signing keys added to nix.conf's (NIXERY_NIX_TRUSTED_PUBLIC_KEYS)
  --nix-cache-push URL    copy each build's closure to this binary cache (nix copy --to), e.g. s3://cache?region=R
                          or file:///srv/cache; a failed push is a warning (NIXERY_NIX_CACHE_PUSH)
  --nix-cache-secret-key-file FILE  sign what is pushed (NIXERY_NIX_CACHE_SECRET_KEY_FILE); see docs/scale-out.md`;

export {
  DEFAULT_CHANNEL,
  SOURCE_OPTIONS,
  SOURCE_FLAGS,
  sourceFromEnvName,
  chooseSource,
  readNixFlags,
  NIX_OPTIONS,
  NIX_USAGE
};
