#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  MissingGitRefError,
  NixBuildError,
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
import { execFile } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { promisify } from "node:util";

// src/nix/run.ts
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// src/nix/options.ts
function nixOptionArgs(options) {
  const args = [];
  const option = (name, value) => args.push("--option", name, value);
  if (options.builders !== void 0) option("builders", options.builders);
  if (options.buildersUseSubstitutes !== void 0) option("builders-use-substitutes", String(options.buildersUseSubstitutes));
  if (options.substituters?.length) option("extra-substituters", options.substituters.join(" "));
  if (options.trustedPublicKeys?.length) option("extra-trusted-public-keys", options.trustedPublicKeys.join(" "));
  return args;
}

// src/nix/run.ts
var KILL_GRACE_MS = 3e3;
var PIPE_GRACE_MS = 1e3;
function runNixCommand(command, args, opts) {
  const tailLimit = opts.tailLines ?? 40;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      resolve({ exitCode: null, stdout: "", stderrTail: [], stopped: "abort" });
      return;
    }
    const child = spawn(command, [...nixOptionArgs(opts.nix), ...args], {
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: opts.env ?? process.env
    });
    const stdoutChunks = [];
    const tail = [];
    let partial = "";
    let stopped;
    let killTimer;
    let settled = false;
    const pushLine = (line) => {
      tail.push(line);
      if (tail.length > tailLimit) tail.shift();
      opts.onStderrLine?.(line);
    };
    child.stdout.on("data", (chunk) => stdoutChunks.push(chunk));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text) => {
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) pushLine(line);
    });
    const signalGroup = (sig) => {
      if (child.pid === void 0) return;
      try {
        process.kill(-child.pid, sig);
      } catch (err) {
        if (err.code !== "ESRCH") throw err;
      }
    };
    const stop = (why) => {
      if (stopped || settled) return;
      stopped = why;
      signalGroup("SIGTERM");
      killTimer = setTimeout(() => {
        if (child.pid !== void 0) killDescendants(child.pid);
        signalGroup("SIGKILL");
      }, KILL_GRACE_MS);
    };
    const timeout = setTimeout(() => stop("timeout"), Math.max(0, opts.deadline - Date.now()));
    const onAbort = () => stop("abort");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const finish = () => {
      settled = true;
      clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
      opts.signal?.removeEventListener("abort", onAbort);
    };
    child.on("error", (err) => {
      finish();
      if (err.code === "ENOENT") {
        reject(new Error(`${command} not found on PATH: install Nix (e.g. apt-get install nix-bin) and try again`));
      } else {
        reject(err);
      }
    });
    child.on("exit", () => {
      if (stopped) signalGroup("SIGKILL");
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, PIPE_GRACE_MS).unref();
    });
    child.on("close", (code) => {
      finish();
      if (partial) pushLine(partial);
      resolve({
        exitCode: code,
        stdout: Buffer.concat(stdoutChunks).toString("utf8"),
        stderrTail: tail,
        ...stopped ? { stopped } : {}
      });
    });
  });
}
function killDescendants(rootPid) {
  const children = /* @__PURE__ */ new Map();
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    return;
  }
  const leaders = /* @__PURE__ */ new Set();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pid = Number(entry);
    const ppid = Number(fields[1]);
    if (Number(fields[2]) === pid) leaders.add(pid);
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const queue = [...children.get(rootPid) ?? []];
  for (let pid = queue.shift(); pid !== void 0; pid = queue.shift()) {
    queue.push(...children.get(pid) ?? []);
    for (const target of leaders.has(pid) ? [-pid, pid] : [pid]) {
      try {
        process.kill(target, "SIGKILL");
      } catch {
      }
    }
  }
}

// src/nix/flake.ts
var FLAKE_FEATURES = ["--extra-experimental-features", "nix-command flakes"];
var METADATA_TIMEOUT_MS = 12e4;
async function readFlakeMetadata(ref, nix, signal) {
  const metadata = async (extra) => runNixCommand("nix", [...FLAKE_FEATURES, "flake", "metadata", "--json", ...extra, ref], {
    nix,
    deadline: Date.now() + METADATA_TIMEOUT_MS,
    ...signal ? { signal } : {}
  });
  const result = await metadata(["--no-update-lock-file"]);
  if (result.exitCode !== 0 && result.stderrTail.some((l) => l.includes("requires lock file changes"))) {
    throw new UsageError(
      `the flake "${ref}" has no flake.lock, or one that does not match its inputs: run "nix flake lock" there and commit flake.lock`
    );
  }
  if (result.stopped) throw new NixBuildError(`nix flake metadata ${ref} was stopped (${result.stopped})`, result.stderrTail, null);
  if (result.exitCode !== 0) {
    const error = result.stderrTail.filter((l) => l.startsWith("error:")).join(" ") || result.stderrTail.join("\n");
    throw new UsageError(`cannot read the flake "${ref}": ${error.replace(/^error:\s*/, "")}`);
  }
  const json = JSON.parse(result.stdout);
  if (typeof json.url !== "string") throw new NixBuildError(`nix flake metadata ${ref} printed no url`, result.stderrTail, 0);
  const revision = json.revision;
  const narHash = json.locked?.narHash;
  const unpinnedBecause = revision === void 0 ? "the flake has uncommitted changes (or no revision)" : void 0;
  const locked = json.locked ?? {};
  return {
    url: json.url,
    pinned: unpinnedBecause === void 0,
    ...unpinnedBecause ? { unpinnedBecause } : {},
    ...revision ? { revision } : {},
    ...narHash ? { narHash } : {},
    ...locked.dir ? { dir: locked.dir } : {},
    ...locked.type === "github" && locked.owner && locked.repo ? { sourceUrl: `https://github.com/${locked.owner}/${locked.repo}` } : {}
  };
}

// src/nix/source.ts
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
async function resolveSource(source, imageTag, nix = {}) {
  switch (source.kind) {
    case "nixpkgs": {
      const url = `https://github.com/NixOS/nixpkgs/archive/${source.commit}.tar.gz`;
      const fetch = source.sha256 ? `builtins.fetchTarball { url = ${nixString(url)}; sha256 = ${nixString(source.sha256)}; }` : `builtins.fetchTarball ${nixString(url)}`;
      return {
        source,
        packageSetExpr: importPackageSet(fetch),
        pinned: true,
        cacheId: `nixpkgs:${source.commit}`,
        revision: source.commit,
        sourceUrl: "https://github.com/NixOS/nixpkgs"
      };
    }
    case "channel": {
      const url = `https://channels.nixos.org/${source.channel}/nixexprs.tar.xz`;
      return {
        source,
        packageSetExpr: importPackageSet(`builtins.fetchTarball ${nixString(url)}`),
        pinned: false,
        cacheId: `channel:${source.channel}`,
        sourceUrl: `https://channels.nixos.org/${source.channel}`
      };
    }
    case "git": {
      const target = source.rev ? { rev: source.rev } : await resolveGitTag(source.url, imageTag);
      const attrs = [`url = ${nixString(source.url)};`, `rev = ${nixString(target.rev)};`];
      if (target.ref) attrs.push(`ref = ${nixString(target.ref)};`);
      else attrs.push("allRefs = true;");
      return {
        source,
        packageSetExpr: importPackageSet(`builtins.fetchGit { ${attrs.join(" ")} }`),
        pinned: true,
        cacheId: `git:${source.url}#${target.rev}`,
        revision: target.rev,
        sourceUrl: publicGitUrl(source.url)
      };
    }
    case "path": {
      return {
        source,
        packageSetExpr: importPackageSet(`/. + ${nixString(source.path)}`),
        pinned: false,
        cacheId: `path:${source.path}`
      };
    }
    case "flake":
      return resolveFlake(source, nix);
  }
}
async function resolveFlake(source, nix) {
  const flake = await readFlakeMetadata(source.ref, nix);
  const packageSetExpr = `system: let flake = builtins.getFlake ${nixString(flake.url)}; bySystem = outputs: (outputs.\${system} or { }); nixpkgs = flake.inputs.nixpkgs or null; nixpkgsSet = if nixpkgs == null then { } else if nixpkgs ? outputs then bySystem (nixpkgs.legacyPackages or { }) else (${importPackageSet("nixpkgs")}) system; in nixpkgsSet // bySystem (flake.legacyPackages or { }) // bySystem (flake.packages or { })`;
  return {
    source,
    packageSetExpr,
    pinned: flake.pinned,
    cacheId: `flake:${flake.revision ?? "dirty"}:${flake.narHash ?? ""}:${flake.dir ?? ""}`,
    ...flake.revision ? { revision: flake.revision } : {},
    ...flake.sourceUrl ? { sourceUrl: flake.sourceUrl } : {},
    flake: { pure: flake.pinned },
    ...flake.unpinnedBecause ? { unpinnedBecause: flake.unpinnedBecause } : {}
  };
}
function importPackageSet(importable) {
  return `system: let f = import (${importable}); in if builtins.isFunction f then f (builtins.intersectAttrs (builtins.functionArgs f) { inherit system; config = { }; overlays = [ ]; }) else f`;
}
function nixString(text) {
  if (/[\0]/.test(text)) throw new Error("NUL characters cannot appear in a Nix string");
  const escaped = text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "\\${").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  return `"${escaped}"`;
}
function publicGitUrl(url) {
  return url.startsWith("file://") ? void 0 : withoutCredentials(url);
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
var execFileAsync = promisify(execFile);
async function resolveGitTag(url, imageTag) {
  if (COMMIT.test(imageTag)) return { rev: imageTag };
  let stdout;
  try {
    ({ stdout } = await execFileAsync("git", ["ls-remote", "--symref", url], {
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0" },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 12e4
    }));
  } catch (err) {
    const e = err;
    if (e.code === "ENOENT") throw new Error("git not found on PATH: install git to use a git package source");
    throw new Error(`cannot list refs of ${url}: ${(e.stderr ?? e.message).trim()}`);
  }
  const refs = /* @__PURE__ */ new Map();
  let headRef;
  for (const line of stdout.split("\n")) {
    const symref = /^ref: (\S+)\tHEAD$/.exec(line);
    if (symref) {
      headRef = symref[1];
      continue;
    }
    const m = /^([0-9a-f]{40})\t(\S+)$/.exec(line);
    if (m) refs.set(m[2], m[1]);
  }
  if (imageTag === "latest") {
    const rev = refs.get("HEAD");
    if (!rev) throw new Error(`${url} has no default branch (HEAD): push a branch or use a tag that names one`);
    return headRef ? { rev, ref: headRef } : { rev, ref: "HEAD" };
  }
  const tagRef = `refs/tags/${imageTag}`;
  const tagRev = refs.get(`${tagRef}^{}`) ?? refs.get(tagRef);
  if (tagRev) return { rev: tagRev, ref: tagRef };
  const branchRef = `refs/heads/${imageTag}`;
  const branchRev = refs.get(branchRef);
  if (branchRev) return { rev: branchRev, ref: branchRef };
  throw new MissingGitRefError(url, imageTag);
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
  runNixCommand,
  FLAKE_FEATURES,
  isCommitHash,
  parseSourceOption,
  describeSource,
  resolveSource
};
