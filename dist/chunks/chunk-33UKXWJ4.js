#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  BucketTarget,
  BuildCache
} from "./chunk-XRBSOUCT.js";
import {
  parseReferrersIndex,
  referrersFallbackTag,
  serializeReferrersIndex
} from "./chunk-4DWZHMQA.js";
import {
  openStorage
} from "./chunk-FZNGP23G.js";
import {
  ImageStore
} from "./chunk-CE262DKV.js";
import {
  sha256Digest
} from "./chunk-6QJK6SSJ.js";
import {
  MediaType
} from "./chunk-GCYMDIW2.js";
import {
  localStagingDir
} from "./chunk-DUEYGPJ2.js";
import {
  BucketAccessError,
  RegistryAccessError,
  UsageError
} from "./chunk-WXRP66RY.js";

// src/distribution/auth/challenge.ts
var TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
var TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;
function parseWwwAuthenticate(header) {
  const challenges = [];
  let i = 0;
  const n = header.length;
  const isSpace = (c) => c === " " || c === "	";
  const skipSpace = () => {
    while (i < n && isSpace(header[i])) i++;
  };
  const skipSpaceAndCommas = () => {
    while (i < n && (isSpace(header[i]) || header[i] === ",")) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && TCHAR.test(header[i])) i++;
    return header.slice(start, i);
  };
  const readQuoted = () => {
    i++;
    let value = "";
    while (i < n && header[i] !== '"') {
      if (header[i] === "\\" && i + 1 < n) i++;
      value += header[i];
      i++;
    }
    i++;
    return value;
  };
  const paramAhead = () => {
    let j = i;
    while (j < n && TCHAR.test(header[j])) j++;
    if (j === i) return false;
    while (j < n && isSpace(header[j])) j++;
    if (header[j] !== "=") return false;
    j++;
    while (j < n && isSpace(header[j])) j++;
    return j < n && header[j] !== "," && header[j] !== "=";
  };
  while (i < n) {
    skipSpaceAndCommas();
    if (i >= n) break;
    const scheme = readToken();
    if (!scheme) {
      while (i < n && header[i] !== ",") i++;
      continue;
    }
    const challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    skipSpace();
    if (i >= n || header[i] === ",") {
    } else if (!paramAhead()) {
      const start = i;
      while (i < n && TOKEN68_CHAR.test(header[i])) i++;
      while (i < n && header[i] === "=") i++;
      if (i > start) challenge.token68 = header.slice(start, i);
      skipSpace();
      continue;
    }
    for (; ; ) {
      skipSpaceAndCommas();
      if (i >= n || !paramAhead()) break;
      const name = readToken().toLowerCase();
      skipSpace();
      i++;
      skipSpace();
      let value;
      if (header[i] === '"') {
        value = readQuoted();
      } else {
        const start = i;
        while (i < n && header[i] !== "," && !isSpace(header[i])) i++;
        value = header.slice(start, i);
      }
      if (!(name in challenge.params)) challenge.params[name] = value;
      skipSpace();
    }
  }
  return challenges;
}
function findChallenge(challenges, scheme) {
  const wanted = scheme.toLowerCase();
  return challenges.find((challenge) => challenge.scheme === wanted);
}

// src/distribution/auth/authorizer.ts
var DEFAULT_TOKEN_SECONDS = 60;
function parseScopes(...scopeLists) {
  const resources = /* @__PURE__ */ new Map();
  for (const list of scopeLists) {
    for (const scope of list.split(/\s+/)) {
      if (!scope) continue;
      const last = scope.lastIndexOf(":");
      const first = scope.indexOf(":");
      if (first < 0 || last === first) {
        if (!resources.has(scope)) resources.set(scope, []);
        continue;
      }
      const resource = scope.slice(0, last);
      const actions = resources.get(resource) ?? [];
      for (const action of scope.slice(last + 1).split(",")) {
        if (action && !actions.includes(action)) actions.push(action);
      }
      resources.set(resource, actions);
    }
  }
  return [...resources].map(([resource, actions]) => actions.length > 0 ? `${resource}:${actions.join(",")}` : resource);
}
function scopeKey(scopes) {
  return scopes.map((scope) => {
    const last = scope.lastIndexOf(":");
    if (last < 0 || scope.indexOf(":") === last) return scope;
    return `${scope.slice(0, last)}:${scope.slice(last + 1).split(",").sort().join(",")}`;
  }).sort().join(" ");
}
function covers(granted, wanted) {
  const have = new Set(parseScopes(granted.join(" ")).flatMap((scope) => expand(scope)));
  return parseScopes(wanted.join(" ")).flatMap((scope) => expand(scope)).every((item) => have.has(item));
}
function expand(scope) {
  const last = scope.lastIndexOf(":");
  if (last < 0 || scope.indexOf(":") === last) return [scope];
  return scope.slice(last + 1).split(",").map((action) => `${scope.slice(0, last)}:${action}`);
}
function createAuthorizer(options) {
  const { host, credentials: found } = options;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? "nixery-action";
  const credentials = found?.credentials;
  const userPassword = credentials && "username" in credentials ? credentials : void 0;
  const identityToken = credentials && "identityToken" in credentials ? credentials.identityToken : void 0;
  const secrets = [userPassword?.password, identityToken].filter((secret) => !!secret && secret.length >= 4);
  let mode;
  let bearer;
  let anonymousInFlight = 0;
  const tokens = /* @__PURE__ */ new Map();
  const inflight = /* @__PURE__ */ new Map();
  const refused = /* @__PURE__ */ new Map();
  let problem;
  const redact = (text) => {
    let out = text;
    for (const secret of [...secrets, ...[...tokens.values()].map((cached) => cached.token)]) out = out.split(secret).join("[redacted]");
    return out;
  };
  const basicHeader = (username, password) => `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
  const fresh = (key) => {
    const cached = tokens.get(key);
    if (cached && cached.expiresAt > now()) return cached;
    if (cached) tokens.delete(key);
    return void 0;
  };
  async function requestToken(key, scopes) {
    if (!bearer) return void 0;
    let realm;
    try {
      realm = new URL(bearer.realm);
    } catch {
      throw new Error(`registry ${host} named a token endpoint that is not a URL: ${JSON.stringify(bearer.realm)}`);
    }
    if (realm.protocol !== "https:" && realm.protocol !== "http:") {
      throw new Error(`registry ${host} named a token endpoint that is not http(s): ${realm.origin}${realm.pathname}`);
    }
    const endpoint = `${realm.origin}${realm.pathname}`;
    const scopeText = scopes.length > 0 ? scopes.join(" ") : "(no scope)";
    let response;
    try {
      if (identityToken) {
        const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: identityToken, client_id: clientId });
        if (bearer.service) form.set("service", bearer.service);
        if (scopes.length > 0) form.set("scope", scopes.join(" "));
        response = await fetchFn(realm, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: form.toString()
        });
      } else {
        const url = new URL(realm);
        if (bearer.service) url.searchParams.set("service", bearer.service);
        for (const scope of scopes) url.searchParams.append("scope", scope);
        const headers = { accept: "application/json" };
        if (userPassword) {
          url.searchParams.set("account", userPassword.username);
          headers.authorization = basicHeader(userPassword.username, userPassword.password);
        }
        response = await fetchFn(url, { headers });
      }
    } catch (error) {
      const cause = error.cause?.message;
      throw new Error(`token endpoint ${endpoint} for registry ${host} could not be reached: ${redact(cause ?? error.message)}`);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      const reason = `token endpoint ${endpoint} answered ${response.status} for ${scopeText}`;
      refused.set(key, reason);
      problem = reason;
      return void 0;
    }
    const text = await response.text();
    if (!response.ok) {
      const snippet = redact(text.trim().replace(/\s+/g, " ")).slice(0, 200);
      throw new Error(`token endpoint ${endpoint} for registry ${host} answered ${response.status}${snippet ? `: ${snippet}` : ""}`);
    }
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`token endpoint ${endpoint} for registry ${host} answered something that is not JSON`);
    }
    const token = typeof body?.token === "string" && body.token ? body.token : typeof body?.access_token === "string" ? body.access_token : "";
    if (!token) throw new Error(`token endpoint ${endpoint} for registry ${host} answered without a token`);
    const seconds = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS;
    const margin = Math.min(1e4, seconds * 100);
    const cached = { token, expiresAt: now() + seconds * 1e3 - margin, scopes };
    tokens.set(key, cached);
    refused.delete(key);
    return cached;
  }
  function obtain(key, scopes) {
    const pending = inflight.get(key);
    if (pending) return pending;
    const promise = requestToken(key, scopes).finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  }
  function bearerChallenge(challenge, scope) {
    const realm = challenge.params.realm;
    if (!realm) {
      problem = `registry ${host} sent a Bearer challenge without a realm`;
      return false;
    }
    mode = "bearer";
    bearer = { realm, service: challenge.params.service };
    const clientScopes = parseScopes(scope);
    const key = scopeKey(clientScopes);
    const scopes = parseScopes(scope, challenge.params.scope ?? "");
    const error = challenge.params.error;
    const cached = fresh(key);
    if (cached) {
      if (!error) {
        return true;
      }
      if (error === "insufficient_scope" && covers(cached.scopes, scopes)) {
        problem = `registry ${host} says the token for ${cached.scopes.join(" ")} does not grant it (insufficient_scope)`;
        return false;
      }
      tokens.delete(key);
    } else if (refused.has(key) && covers(parseScopes(key), scopes)) {
      problem = refused.get(key);
      return false;
    }
    return obtain(key, scopes).then((token) => token !== void 0);
  }
  return {
    async header(scope) {
      if (mode === "basic" && userPassword) return basicHeader(userPassword.username, userPassword.password);
      if (mode === "bearer") {
        const scopes = parseScopes(scope);
        const key = scopeKey(scopes);
        const token = fresh(key) ?? (refused.has(key) ? void 0 : await obtain(key, scopes));
        if (token) return `Bearer ${token.token}`;
      }
      anonymousInFlight++;
      return void 0;
    },
    async challenge(wwwAuthenticate, scope) {
      const challenges = parseWwwAuthenticate(wwwAuthenticate);
      const fromAnonymous = anonymousInFlight > 0;
      if (fromAnonymous) anonymousInFlight--;
      const bearerCh = findChallenge(challenges, "bearer");
      if (bearerCh) return bearerChallenge(bearerCh, scope);
      const basicCh = findChallenge(challenges, "basic");
      if (basicCh) {
        if (!userPassword) {
          problem = identityToken ? `registry ${host} asks for a password (Basic), and an identity token can't answer that` : `registry ${host} asks for a username and password (Basic)`;
          return false;
        }
        if (mode === "basic" && !fromAnonymous) {
          problem = `registry ${host} refused them (Basic)`;
          return false;
        }
        mode = "basic";
        return true;
      }
      const schemes = challenges.map((challenge) => challenge.scheme).join(", ");
      problem = `registry ${host} asks for an authentication scheme we don't speak (${schemes || "none given"})`;
      return false;
    },
    describe() {
      const base = found ? found.description : `anonymous (no credentials found for ${host})`;
      return problem ? `${base}; ${problem}` : base;
    }
  };
}

// src/distribution/auth/credentials.ts
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
var CredentialsError = class extends Error {
  name = "CredentialsError";
};
var DOCKER_HUB_HOSTS = /* @__PURE__ */ new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);
var DOCKER_HUB_SERVER = "https://index.docker.io/v1/";
function credentialFiles(env = process.env) {
  const home = env.HOME || homedir();
  const files = [];
  if (env.REGISTRY_AUTH_FILE) files.push({ path: env.REGISTRY_AUTH_FILE, kind: "containers" });
  else if (env.XDG_RUNTIME_DIR) files.push({ path: join(env.XDG_RUNTIME_DIR, "containers", "auth.json"), kind: "containers" });
  const userAuth = join(env.XDG_CONFIG_HOME || join(home, ".config"), "containers", "auth.json");
  if (!files.some((file) => file.path === userAuth)) files.push({ path: userAuth, kind: "containers" });
  files.push({ path: join(env.DOCKER_CONFIG || join(home, ".docker"), "config.json"), kind: "docker" });
  return files;
}
async function findCredentials(host, options = {}) {
  const env = options.env ?? process.env;
  for (const file of credentialFiles(env)) {
    const config = await readConfig(file.path);
    if (!config) continue;
    const found = await lookUp(config, file.path, host, options, env);
    if (found) return found;
  }
  if (options.fallback)
    return { credentials: options.fallback.credentials, description: describeFrom(options.fallback.credentials, options.fallback.source) };
  return null;
}
function describeFrom(credentials, source) {
  return "identityToken" in credentials ? `an identity token from ${source}` : `user ${JSON.stringify(credentials.username)} from ${source}`;
}
async function readConfig(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw new CredentialsError(`cannot read registry credentials from ${path}: ${error.message}`);
  }
  if (text.trim() === "") return null;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CredentialsError(`cannot read registry credentials from ${path}: it is not valid JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new CredentialsError(`cannot read registry credentials from ${path}: expected a JSON object`);
  }
  return parsed;
}
function splitKey(key) {
  let rest = key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  rest = rest.replace(/\/+$/, "");
  const slash = rest.indexOf("/");
  if (slash < 0) return { host: rest.toLowerCase(), path: "" };
  return { host: rest.slice(0, slash).toLowerCase(), path: rest.slice(slash + 1) };
}
function sameRegistry(a, b) {
  if (a === b) return true;
  return DOCKER_HUB_HOSTS.has(a) && DOCKER_HUB_HOSTS.has(b);
}
async function lookUp(config, file, host, options, env) {
  const wanted = host.toLowerCase();
  const isHub = DOCKER_HUB_HOSTS.has(wanted);
  const serverUrl = isHub ? DOCKER_HUB_SERVER : host;
  for (const [key, helper] of Object.entries(config.credHelpers ?? {})) {
    if (typeof helper !== "string" || !helper) continue;
    const parts = splitKey(key);
    if (parts.path && parts.path !== "v1" && parts.path !== "v2") continue;
    if (sameRegistry(parts.host, wanted)) return askHelper(helper, serverUrl, host, `credHelpers in ${file}`, env, options.helperTimeoutMs);
  }
  const repository = options.repository ?? "";
  let best;
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (!entry || typeof entry !== "object") continue;
    const parts = splitKey(key);
    if (!sameRegistry(parts.host, wanted)) continue;
    let length = 0;
    if (parts.path && parts.path !== "v1" && parts.path !== "v2") {
      if (!(repository === parts.path || repository.startsWith(`${parts.path}/`))) continue;
      length = parts.path.length;
    }
    if (!best || length > best.length) best = { length, entry, key };
  }
  if (best?.entry) {
    const found = fromAuthEntry(best.entry, file, best.key, host);
    if (found) return found;
  }
  if (typeof config.credsStore === "string" && config.credsStore) {
    return askHelper(config.credsStore, serverUrl, host, `credsStore in ${file}`, env, options.helperTimeoutMs);
  }
  return null;
}
function fromAuthEntry(entry, file, key, host) {
  if (typeof entry.identitytoken === "string" && entry.identitytoken) {
    return { credentials: { identityToken: entry.identitytoken }, description: `an identity token from ${file}` };
  }
  if (typeof entry.auth === "string" && entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) {
      throw new CredentialsError(
        `the "auth" entry for ${JSON.stringify(key)} in ${file} (registry ${host}) is not base64 of user:password`
      );
    }
    const credentials = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    return { credentials, description: describeFrom(credentials, file) };
  }
  if (typeof entry.username === "string" && entry.username && typeof entry.password === "string") {
    const credentials = { username: entry.username, password: entry.password };
    return { credentials, description: describeFrom(credentials, file) };
  }
  return null;
}
async function askHelper(helper, serverUrl, host, source, env, timeoutMs = 6e4) {
  const program = `docker-credential-${helper}`;
  const where = `(${source}) for registry ${host}`;
  const result = await new Promise(
    (resolve, reject) => {
      const child = spawn(program, ["get"], { env, stdio: ["pipe", "pipe", "pipe"], timeout: timeoutMs });
      const stdout = [];
      const stderr = [];
      child.stdout.on("data", (chunk) => stdout.push(chunk));
      child.stderr.on("data", (chunk) => stderr.push(chunk));
      child.on("error", (error) => {
        if (error.code === "ENOENT") {
          reject(new CredentialsError(`credential helper ${program} ${where} is not on PATH; install it, or remove it from the config`));
        } else {
          reject(new CredentialsError(`credential helper ${program} ${where} could not run: ${error.message}`));
        }
      });
      child.on(
        "close",
        (code, signal) => resolve({ code, signal, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") })
      );
      child.stdin.on("error", () => {
      });
      child.stdin.end(`${serverUrl}
`);
    }
  );
  if (result.code !== 0) {
    if (/credentials not found/i.test(`${result.stdout}
${result.stderr}`)) return null;
    const how = result.signal ? `was killed by ${result.signal}${result.signal === "SIGTERM" ? ` (timeout ${timeoutMs} ms?)` : ""}` : `exited with ${result.code}`;
    const said = (result.stderr.trim() || result.stdout.trim()).slice(0, 300);
    throw new CredentialsError(`credential helper ${program} ${where} ${how}${said ? `: ${said}` : ""}`);
  }
  let answer;
  try {
    answer = JSON.parse(result.stdout);
  } catch {
    throw new CredentialsError(`credential helper ${program} ${where} printed something that is not JSON`);
  }
  if (typeof answer?.Secret !== "string" || answer.Secret === "") {
    throw new CredentialsError(`credential helper ${program} ${where} answered without a Secret`);
  }
  const username = typeof answer.Username === "string" ? answer.Username : "";
  const label = `${program} (${source})`;
  if (username === "<token>") return { credentials: { identityToken: answer.Secret }, description: `an identity token from ${label}` };
  const credentials = { username, password: answer.Secret };
  return { credentials, description: describeFrom(credentials, label) };
}

// src/distribution/client.ts
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { setTimeout as sleep2 } from "node:timers/promises";

// src/distribution/failures.ts
var MAX_REGISTRY_MESSAGE = 300;
function parseErrorBody(text) {
  try {
    const parsed = JSON.parse(text);
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors.filter((e) => typeof e === "object" && e !== null && typeof e.code === "string");
  } catch {
    return [];
  }
}
async function failureFromResponse(context, response, attempts) {
  const text = await response.text().catch(() => "");
  return registryFailure(context, response.status, parseErrorBody(text.slice(0, 64 * 1024)), attempts);
}
function registryFailure(context, status, errors, attempts) {
  const first = errors[0];
  const code = first?.code;
  const details = {
    host: context.host,
    repository: context.repository,
    status,
    tried: context.tried,
    ...code !== void 0 ? { code } : {}
  };
  const said = registrySaid(errors);
  const where = context.repository ? `${context.repository} on ${context.host}` : context.host;
  const head = `cannot ${context.action} (${where}): HTTP ${status}${code ? ` ${code}` : ""}${said}`;
  let hint;
  if (status === 401) {
    hint = `the registry wants credentials for scope "${context.scope}" and ${context.tried} did not satisfy it. Log in (docker login ${context.host}) or give a token with push access to ${context.repository || "the repository"}`;
  } else if (status === 403) {
    hint = `${context.tried} may not do this (scope "${context.scope}"). Check that these credentials have push permission for ${context.repository || "the repository"}`;
  } else if (status === 404 && code === "NAME_UNKNOWN") {
    hint = `repository ${context.repository} does not exist, and this registry does not create repositories on push: create it first, or push below a prefix where it does`;
  } else if (status >= 500) {
    hint = `the registry is failing${attempts !== void 0 ? ` (still HTTP ${status} after ${attempts} attempts)` : ""}; try again later`;
  } else {
    hint = "";
  }
  return new RegistryAccessError(hint ? `${head}; ${hint}` : head, details);
}
var MANIFEST_REFUSED_CODES = /* @__PURE__ */ new Set(["MANIFEST_INVALID", "UNSUPPORTED"]);
function manifestFailure(context, status, errors, mediaType, attempts) {
  const where = `${context.repository} on ${context.host}`;
  const details = { host: context.host, repository: context.repository, status, tried: context.tried };
  const missing = errors.filter((e) => e.code === "MANIFEST_BLOB_UNKNOWN");
  if (status === 400 && missing.length > 0) {
    const blobs = missing.map((e) => detailText(e.detail) ?? e.message ?? "unnamed");
    return new RegistryAccessError(
      `cannot ${context.action} (${where}): the registry does not hold blob${blobs.length === 1 ? "" : "s"} ${blobs.join(", ")} in ${context.repository}; every blob a manifest names must be pushed before it`,
      { ...details, code: "MANIFEST_BLOB_UNKNOWN" }
    );
  }
  const refused = errors.find((e) => MANIFEST_REFUSED_CODES.has(e.code));
  if (status === 400 && refused !== void 0 && mediaType.startsWith("application/vnd.oci.")) {
    const base = registryFailure(context, status, errors);
    return new RegistryAccessError(
      `${base.message}; this registry appears to refuse OCI media types (${mediaType}): push to a registry that accepts OCI images (ghcr.io, Docker Hub, ECR, GAR and distribution 2.7+ all do)`,
      { ...details, code: refused.code }
    );
  }
  return registryFailure(context, status, errors, attempts);
}
function unreachable(context, cause) {
  return new RegistryAccessError(
    `cannot ${context.action}: ${context.host} is not reachable (${cause.message}); check the host name and port, and the network`,
    { host: context.host, repository: context.repository, tried: context.tried },
    cause
  );
}
function registrySaid(errors) {
  const parts = errors.map((e) => [e.message, detailText(e.detail)].filter((p) => p !== void 0 && p !== "").join(": ")).filter((p) => p !== "");
  if (parts.length === 0) return "";
  const text = parts.join("; ");
  return ` (the registry says: ${text.length > MAX_REGISTRY_MESSAGE ? `${text.slice(0, MAX_REGISTRY_MESSAGE - 1)}\u2026` : text})`;
}
function detailText(detail) {
  if (typeof detail === "string") return detail;
  if (typeof detail === "object" && detail !== null) {
    const d = detail;
    for (const key of ["digest", "Digest", "name", "Name", "reference"]) if (typeof d[key] === "string") return d[key];
  }
  return void 0;
}

// src/distribution/http.ts
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
var DEFAULT_RETRY_POLICY = {
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8e3,
  maxRetryAfterMs: 6e4,
  retryConnectionRefused: true
};
var RETRIED_STATUSES = /* @__PURE__ */ new Set([429, 500, 502, 503, 504]);
var RETRIED_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
]);
var ConnectionError = class extends Error {
  name = "ConnectionError";
  code;
  constructor(method, url, code, detail, attempts, cause) {
    super(`${method} ${url} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${detail}`, { cause });
    this.code = code;
  }
};
async function sendRequest(request, options = {}) {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const shownUrl = redactUrl(request.url);
  for (let attempt = 1; ; attempt++) {
    const body = request.body?.();
    let response;
    try {
      response = await fetch(request.url, init(request, body));
    } catch (error) {
      if (body instanceof Readable) body.destroy();
      if (request.signal?.aborted) throw error;
      const code = errorCode(error);
      const retryable = isRetryableConnectionError(error, policy.retryConnectionRefused);
      if (!retryable || attempt >= policy.attempts) {
        throw new ConnectionError(request.method, shownUrl, code, describeConnectionError(error), attempt, error);
      }
      const delayMs2 = backoff(attempt, policy);
      options.onRetry?.({ method: request.method, url: shownUrl, attempt, reason: code ?? "connection failed", delayMs: delayMs2 });
      await sleep(delayMs2, void 0, request.signal ? { signal: request.signal } : void 0);
      continue;
    }
    if (!RETRIED_STATUSES.has(response.status) || attempt >= policy.attempts) return response;
    const retryAfter = retryAfterMs(response.headers.get("retry-after"));
    if (retryAfter !== void 0 && retryAfter > policy.maxRetryAfterMs) return response;
    await response.body?.cancel().catch(() => {
    });
    const delayMs = retryAfter ?? backoff(attempt, policy);
    options.onRetry?.({ method: request.method, url: shownUrl, attempt, reason: `HTTP ${response.status}`, delayMs });
    await sleep(delayMs, void 0, request.signal ? { signal: request.signal } : void 0);
  }
}
function init(request, body) {
  const base = {
    method: request.method,
    headers: request.headers ?? {},
    redirect: "manual",
    ...request.signal ? { signal: request.signal } : {}
  };
  if (body === void 0) return base;
  if (Buffer.isBuffer(body)) return { ...base, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  return { ...base, body: Readable.toWeb(body), duplex: "half" };
}
function backoff(attempt, policy) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(Math.random() * ceiling);
}
function retryAfterMs(value, now = Date.now()) {
  if (value === null || value.trim() === "") return void 0;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1e3;
  if (!/^[A-Za-z]{3},/.test(trimmed)) return void 0;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}
function redactUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}
function isRetryableConnectionError(error, retryRefused) {
  const code = errorCode(error);
  if (code === "ECONNREFUSED") return retryRefused;
  if (code !== void 0 && RETRIED_CODES.has(code)) return true;
  return /socket hang up|other side closed/i.test(
    causeChain(error).map((e) => e.message).join(" ")
  );
}
function errorCode(error) {
  for (const e of causeChain(error)) {
    const code = e.code;
    if (typeof code === "string") return code;
    if (e instanceof AggregateError) {
      for (const inner of e.errors) {
        const innerCode = inner.code;
        if (typeof innerCode === "string") return innerCode;
      }
    }
  }
  return void 0;
}
function causeChain(error) {
  const chain = [];
  let current = error;
  while (current instanceof Error && chain.length < 5) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}
function describeConnectionError(error) {
  const chain = causeChain(error);
  const innermost = chain[chain.length - 1];
  const code = errorCode(error);
  const message = innermost?.message || String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

// src/distribution/reference.ts
import { isIP } from "node:net";
var SCHEME = "docker://";
var PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
var HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
var PORT = /^[0-9]{1,5}$/;
var API_HOSTS = { "docker.io": "registry-1.docker.io", "index.docker.io": "registry-1.docker.io" };
function parsePushDestination(input, options = {}) {
  const raw = input.trim();
  const rest = raw.toLowerCase().startsWith(SCHEME) ? raw.slice(SCHEME.length) : raw;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) {
    throw new UsageError(`push destination "${input}": only docker://HOST[:PORT]/PREFIX is supported, e.g. docker://ghcr.io/acme/images`);
  }
  const slash = rest.indexOf("/");
  const hostPart = slash < 0 ? rest : rest.slice(0, slash);
  const pathPart = slash < 0 ? "" : rest.slice(slash + 1);
  if (hostPart === "") {
    throw new UsageError(
      `push destination "${input}" names no registry host: write docker://HOST[:PORT]/PREFIX, e.g. docker://ghcr.io/acme/images`
    );
  }
  const { hostname, port } = splitHost(hostPart, input);
  const written = port === void 0 ? hostname : `${formatHostname(hostname)}:${port}`;
  const host = API_HOSTS[written] ?? written;
  return {
    host,
    prefix: parsePrefix(pathPart, input),
    insecure: isLoopback(hostname) || listedInsecure(hostname, port, options.insecure ?? [])
  };
}
function repositoryFor(destination, canonicalName) {
  const repository = destination.prefix === "" ? canonicalName : `${destination.prefix}/${canonicalName}`;
  for (const component of repository.split("/")) {
    if (!PATH_COMPONENT.test(component)) {
      throw new UsageError(`repository "${repository}": "${component}" is not a valid repository path component`);
    }
  }
  return repository;
}
function describeDestination(destination) {
  return `docker://${destination.host}${destination.prefix ? `/${destination.prefix}` : ""}`;
}
function registryBaseUrl(host, insecure) {
  return `${insecure ? "http" : "https"}://${host}`;
}
function splitHost(hostPart, input) {
  const lower = hostPart.toLowerCase();
  let hostname;
  let port;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(lower);
  if (bracketed) {
    hostname = bracketed[1];
    port = bracketed[2];
    if (isIP(hostname) !== 6) throw new UsageError(`push destination "${input}": "${hostPart}" is not a valid IPv6 address`);
  } else {
    const colon = lower.lastIndexOf(":");
    hostname = colon < 0 ? lower : lower.slice(0, colon);
    port = colon < 0 ? void 0 : lower.slice(colon + 1);
    if (!HOST_NAME.test(hostname)) {
      throw new UsageError(
        `push destination "${input}": registry host "${hostname}" is not a valid host name (IPv6 addresses go in brackets)`
      );
    }
  }
  if (port !== void 0 && (!PORT.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    throw new UsageError(`push destination "${input}": registry port "${port}" is not a number from 1 to 65535`);
  }
  return { hostname, port };
}
function parsePrefix(pathPart, input) {
  const trimmed = pathPart.replace(/\/+$/, "");
  if (trimmed === "") return "";
  const prefix = trimmed.toLowerCase();
  if (/[@:]/.test(prefix)) throw new UsageError(`push destination "${input}" must not carry a tag or digest: each image gets its own tags`);
  for (const component of prefix.split("/")) {
    if (component === "")
      throw new UsageError(`push destination "${input}": the repository prefix "${trimmed}" has an empty path component`);
    if (!PATH_COMPONENT.test(component)) {
      throw new UsageError(
        `push destination "${input}": repository prefix component "${component}" is not valid (lowercase letters and digits, with single ".", "_", "__" or "-" separators between them)`
      );
    }
  }
  return prefix;
}
function formatHostname(hostname) {
  return isIP(hostname) === 6 ? `[${hostname}]` : hostname;
}
function isLoopback(hostname) {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  if (isIP(hostname) === 4) return hostname.startsWith("127.");
  if (isIP(hostname) === 6) return hostname === "::1" || hostname === "0:0:0:0:0:0:0:1";
  return false;
}
function listedInsecure(hostname, port, insecure) {
  const withPort = port === void 0 ? void 0 : `${formatHostname(hostname)}:${port}`;
  return insecure.some((entry) => {
    const wanted = entry.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "");
    const bare = wanted.replace(/^\[(.*)\]$/, "$1");
    return wanted === withPort || bare === hostname || wanted === hostname;
  });
}

// src/distribution/client.ts
var DEFAULT_MONOLITHIC_MAX_BYTES = 8 * 1024 * 1024;
var DEFAULT_CHUNK_BYTES = 32 * 1024 * 1024;
var DEFAULT_USER_AGENT = "nixery-action";
var MANIFEST_ACCEPT = [MediaType.ociManifest, MediaType.ociIndex, MediaType.dockerManifest, MediaType.dockerManifestList].join(", ");
var UPLOAD_LOST_CODES = /* @__PURE__ */ new Set(["BLOB_UPLOAD_UNKNOWN", "BLOB_UPLOAD_INVALID"]);
var UPLOAD_CORRUPT_CODES = /* @__PURE__ */ new Set(["DIGEST_INVALID", "SIZE_INVALID"]);
var RegistryClient = class {
  host;
  baseUrl;
  authorizer;
  monolithicMaxBytes;
  chunkBytes;
  retry;
  onRetry;
  userAgent;
  /** Whether the registry has answered once: after that, a refused connection is a restart worth waiting out. */
  reached = false;
  constructor(options) {
    this.host = options.host;
    this.baseUrl = registryBaseUrl(options.host, options.insecure);
    this.authorizer = options.authorizer;
    this.monolithicMaxBytes = options.monolithicMaxBytes ?? DEFAULT_MONOLITHIC_MAX_BYTES;
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    if (!(this.chunkBytes > 0)) throw new Error(`chunkBytes must be positive, got ${this.chunkBytes}`);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.onRetry = options.onRetry;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  }
  /**
   * GET /v2/: whether this is a registry and it answers. A 401 is an answer (it names the auth scheme, returned
   * as `authenticate`); anything else but 2xx is an error naming the host.
   */
  async ping() {
    const context = this.context("", "reach the registry API (GET /v2/)", "");
    let response;
    try {
      response = await sendRequest(
        { method: "GET", url: `${this.baseUrl}/v2/`, headers: { "User-Agent": this.userAgent } },
        // A host that never answered is the wrong address: say so at once rather than after five refusals.
        { policy: { ...this.retry, retryConnectionRefused: this.reached }, ...this.retryHook() }
      );
    } catch (error) {
      throw error instanceof ConnectionError ? unreachable(context, error) : error;
    }
    this.reached = true;
    if (response.ok || response.status === 401) {
      await response.body?.cancel().catch(() => {
      });
      return { authenticate: response.headers.get("www-authenticate") ?? void 0 };
    }
    throw await failureFromResponse(context, response, this.retry.attempts);
  }
  /** HEAD the blob: true only for a 200 whose Content-Length, when given, is the descriptor's size. */
  async hasBlob(repository, blob) {
    const response = await this.call({
      method: "HEAD",
      url: `${this.baseUrl}/v2/${repository}/blobs/${blob.digest}`,
      scopes: [pushScope(repository)],
      action: `look up blob ${blob.digest}`,
      repository
    });
    await response.body?.cancel().catch(() => {
    });
    if (response.status === 404) return false;
    if (isRedirect(response.status) && response.headers.has("location")) return true;
    if (response.status !== 200) throw await this.failure(response, repository, `look up blob ${blob.digest}`, [pushScope(repository)]);
    const length = response.headers.get("content-length");
    return length === null || Number(length) === blob.size;
  }
  /** HEAD the manifest by digest: true for a 200 (whose Docker-Content-Digest, when given, is the digest). */
  async hasManifest(repository, manifest) {
    const response = await this.call({
      method: "HEAD",
      url: `${this.baseUrl}/v2/${repository}/manifests/${manifest.digest}`,
      scopes: [pushScope(repository)],
      action: `look up manifest ${manifest.digest}`,
      repository,
      headers: { Accept: MANIFEST_ACCEPT }
    });
    await response.body?.cancel().catch(() => {
    });
    if (response.status === 404) return false;
    if (response.status !== 200) {
      throw await this.failure(response, repository, `look up manifest ${manifest.digest}`, [pushScope(repository)]);
    }
    const digest = response.headers.get("docker-content-digest");
    return digest === null || digest === manifest.digest;
  }
  /**
   * Removes a tag. Registries that delete tags (distribution 3, the OCI 1.1 tag DELETE) do it directly; older
   * distribution registries delete only manifests by digest, which removes every tag naming that manifest, so that
   * is done only when no other tag in the repository names it, apart from `alsoRemoving` ('kept-shared'
   * otherwise). 'unsupported' when the registry refuses deletes altogether (ghcr.io: use the GitHub packages API).
   */
  async deleteTag(repository, tag, alsoRemoving = /* @__PURE__ */ new Set()) {
    const scopes = [deleteScope(repository)];
    const byTag = await this.deleteManifest(repository, tag, `delete tag ${tag}`, scopes);
    if (byTag.status === 202 || byTag.status === 200) return "deleted";
    if (byTag.status === 404) return "absent";
    if (byTag.status === 405 || byTag.status === 403 || byTag.status === 401) return "unsupported";
    const digest = await this.manifestDigest(repository, tag);
    if (digest === null) return "absent";
    for (const other of await this.listTags(repository)) {
      if (other === tag || alsoRemoving.has(other)) continue;
      if (await this.manifestDigest(repository, other) === digest) return "kept-shared";
    }
    const byDigest = await this.deleteManifest(repository, digest, `delete manifest ${digest}`, scopes);
    if (byDigest.status === 202 || byDigest.status === 200) return "deleted";
    if (byDigest.status === 404) return "absent";
    if (byDigest.status === 405 || byDigest.status === 400 || byDigest.status === 403) return "unsupported";
    throw await this.failure(byDigest, repository, `delete manifest ${digest}`, scopes);
  }
  /** One DELETE of a manifest by tag or digest; only the status matters, so the body is dropped. */
  async deleteManifest(repository, reference, action, scopes) {
    const response = await this.call({
      method: "DELETE",
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes,
      action,
      repository
    });
    await response.body?.cancel().catch(() => {
    });
    return response;
  }
  /** The digest a tag names (HEAD, Docker-Content-Digest), or null when the tag is not there. */
  async manifestDigest(repository, reference) {
    const response = await this.call({
      method: "HEAD",
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes: [pushScope(repository)],
      action: `look up manifest ${reference}`,
      repository,
      headers: { Accept: MANIFEST_ACCEPT }
    });
    await response.body?.cancel().catch(() => {
    });
    if (response.status === 404) return null;
    if (response.status !== 200) throw await this.failure(response, repository, `look up manifest ${reference}`, [pushScope(repository)]);
    return response.headers.get("docker-content-digest");
  }
  /** Every tag of a repository (one page of up to 1,000; more than that is beyond a pull request's images). */
  async listTags(repository) {
    const response = await this.call({
      method: "GET",
      url: `${this.baseUrl}/v2/${repository}/tags/list?n=1000`,
      scopes: [pushScope(repository)],
      action: "list tags",
      repository
    });
    if (response.status === 404) return [];
    if (response.status !== 200) throw await this.failure(response, repository, "list tags", [pushScope(repository)]);
    const body = await response.json().catch(() => ({}));
    return Array.isArray(body.tags) ? body.tags.filter((t) => typeof t === "string") : [];
  }
  /**
   * Asks the registry to link a blob `fromRepository` holds into `repository` without sending it. True when
   * mounted (201). A registry that cannot mount starts an upload instead (202); that upload is cancelled and
   * false returned, so the caller pushes the blob (pushBlob with `mountFrom` does both in one go).
   */
  async mountBlob(repository, blob, fromRepository) {
    const started = await this.startUpload(repository, blob, fromRepository);
    if (started === "mounted") return true;
    await this.cancelUpload(repository, started);
    return false;
  }
  /**
   * Uploads a blob into `repository`; returns its size (bytes resent after a failure are not counted). With
   * `mountFrom`, first asks to mount it from that repository and returns 0 if that worked. Small blobs go in one
   * PUT; bigger ones in PATCH chunks that resume where the registry says it stands after a failure, or start a
   * new upload when it cannot tell.
   */
  async pushBlob(repository, blob, source, options = {}) {
    if ("file" in source) {
      const { size } = await stat(source.file);
      if (size !== blob.size) throw new Error(`blob ${blob.digest}: ${source.file} has ${size} bytes, the descriptor says ${blob.size}`);
    } else if (source.bytes.length !== blob.size) {
      throw new Error(`blob ${blob.digest}: ${source.bytes.length} bytes given, the descriptor says ${blob.size}`);
    }
    const started = await this.startUpload(repository, blob, options.mountFrom);
    if (started === "mounted") return 0;
    await this.upload(repository, blob, source, started);
    return blob.size;
  }
  /**
   * PUTs a manifest under a tag or its digest; returns its digest, after checking the registry computed the same.
   * Every blob it names must be in the repository already.
   */
  async putManifest(repository, reference, mediaType, bytes) {
    return (await this.sendManifest(repository, reference, mediaType, bytes)).digest;
  }
  /**
   * PUTs an artifact manifest that names a `subject`, by digest. True when the registry says (OCI-Subject) that it
   * indexed the subject for its referrers API; false when the caller must keep the tag-schema fallback index.
   */
  async putReferrerManifest(repository, manifest, bytes) {
    const { subjectIndexed } = await this.sendManifest(repository, manifest.digest, manifest.mediaType, bytes);
    return subjectIndexed;
  }
  /** GET a manifest (or index) by tag or digest: its bytes, or null when the registry has none (404). */
  async getManifest(repository, reference) {
    const action = `read manifest ${reference}`;
    const response = await this.call({
      method: "GET",
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: { Accept: MANIFEST_ACCEPT }
    });
    if (response.status === 404) {
      await response.body?.cancel().catch(() => {
      });
      return null;
    }
    if (response.status !== 200) throw await this.failure(response, repository, action, [pushScope(repository)]);
    return Buffer.from(await response.arrayBuffer());
  }
  /**
   * GET the referrers API for a subject: the descriptors listed, or null when the registry does not serve the API
   * (404), as the distribution spec tells clients to check before using the tag-schema fallback.
   */
  async listReferrers(repository, subjectDigest) {
    const action = `list the referrers of ${subjectDigest}`;
    const response = await this.call({
      method: "GET",
      url: `${this.baseUrl}/v2/${repository}/referrers/${subjectDigest}`,
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: { Accept: MediaType.ociIndex }
    });
    if (response.status === 404) {
      await response.body?.cancel().catch(() => {
      });
      return null;
    }
    if (response.status !== 200) throw await this.failure(response, repository, action, [pushScope(repository)]);
    return parseReferrersIndex(Buffer.from(await response.arrayBuffer()));
  }
  async sendManifest(repository, reference, mediaType, bytes) {
    const digest = sha256Digest(bytes);
    const action = `push manifest ${reference}`;
    const scopes = [pushScope(repository)];
    const response = await this.call({
      method: "PUT",
      url: `${this.baseUrl}/v2/${repository}/manifests/${reference}`,
      scopes,
      action,
      repository,
      headers: { "Content-Type": mediaType, "Content-Length": String(bytes.length) },
      body: () => bytes
    });
    if (response.status !== 201 && response.status !== 200) {
      const errors = parseErrorBody(await response.text().catch(() => ""));
      throw manifestFailure(this.context(repository, action, scopes.join(" ")), response.status, errors, mediaType, this.retry.attempts);
    }
    await response.body?.cancel().catch(() => {
    });
    const returned = response.headers.get("docker-content-digest");
    if (returned !== null && returned !== digest) {
      throw new RegistryAccessError(
        `pushed manifest ${reference} to ${repository} on ${this.host}, but the registry reports digest ${returned} for it, not ${digest}: it changed the manifest, so pulls by digest would not find it`,
        { host: this.host, repository, status: response.status, tried: this.authorizer.describe() }
      );
    }
    return { digest, subjectIndexed: response.headers.has("oci-subject") };
  }
  /**
   * POST /blobs/uploads/ (with mount= and from= when mounting). 'mounted' for a 201; otherwise the upload the
   * registry opened.
   */
  async startUpload(repository, blob, mountFrom) {
    const mounting = mountFrom !== void 0 && mountFrom !== repository;
    const query = mounting ? `?mount=${encodeURIComponent(blob.digest)}&from=${encodeURIComponent(mountFrom)}` : "";
    const scopes = mounting ? [pushScope(repository), `repository:${mountFrom}:pull`] : [pushScope(repository)];
    const action = mounting ? `mount blob ${blob.digest} from ${mountFrom}` : `start an upload of blob ${blob.digest}`;
    const url = `${this.baseUrl}/v2/${repository}/blobs/uploads/${query}`;
    const response = await this.call({ method: "POST", url, scopes, action, repository, headers: { "Content-Length": "0" } });
    if (mounting && response.status === 201) {
      await response.body?.cancel().catch(() => {
      });
      return "mounted";
    }
    if (response.status !== 202) throw await this.failure(response, repository, action, scopes);
    await response.body?.cancel().catch(() => {
    });
    const minChunk = Number(response.headers.get("oci-chunk-min-length") ?? 0);
    return { location: this.location(response, url, action, repository), minChunk: Number.isFinite(minChunk) ? minChunk : 0 };
  }
  /**
   * Sends the bytes into an open upload and closes it with the digest. A failed request is followed by asking
   * the registry how far the upload got (GET on its location) and going on from there; when it cannot say, a
   * new upload starts from byte 0. `retry.attempts` failures in a row end it with the last error.
   */
  async upload(repository, blob, source, first) {
    let session = first;
    let offset = 0;
    let troubled = false;
    let failures = 0;
    let restarts = 0;
    for (; ; ) {
      try {
        if (offset === 0 && blob.size <= this.monolithicMaxBytes) {
          await this.closeUpload(repository, blob, session, source);
          return;
        }
        if (offset < blob.size) {
          const chunk = Math.max(this.chunkBytes, session.minChunk);
          const end = Math.min(blob.size, offset + chunk);
          ({ session, offset } = await this.patchChunk(repository, blob, session, source, offset, end));
          failures = 0;
          continue;
        }
        await this.closeUpload(repository, blob, session, void 0);
        return;
      } catch (error) {
        if (!isTransientUploadFailure(error, troubled)) throw error;
        failures++;
        if (failures >= this.retry.attempts) throw this.gaveUp(repository, blob, `${failures} failed requests in a row`, error);
        troubled = true;
        const delayMs = backoff(failures, this.retry);
        await sleep2(delayMs);
        const status = error instanceof RegistryAccessError && error.status === 416 ? void 0 : await this.uploadStatus(repository, session);
        if (status !== void 0 && status.offset <= blob.size) {
          this.notify(session.location, failures, `upload resumed at byte ${status.offset} after ${reasonOf(error)}`, delayMs);
          session = status.session;
          offset = status.offset;
        } else {
          if (++restarts >= this.retry.attempts) throw this.gaveUp(repository, blob, `${restarts} uploads were lost`, error);
          this.notify(session.location, failures, `upload restarted after ${reasonOf(error)}`, delayMs);
          await this.cancelUpload(repository, session).catch(() => {
          });
          const started = await this.startUpload(repository, blob);
          if (started === "mounted") return;
          session = started;
          offset = 0;
          troubled = false;
        }
      }
    }
  }
  gaveUp(repository, blob, why, last) {
    const detail = last instanceof Error ? last.message : String(last);
    return new RegistryAccessError(
      `cannot upload blob ${blob.digest} to ${repository} on ${this.host}: gave up after ${why}; the last failure: ${detail}`,
      {
        host: this.host,
        repository,
        tried: this.authorizer.describe(),
        ...last instanceof RegistryAccessError && last.status !== void 0 ? { status: last.status } : {},
        ...last instanceof RegistryAccessError && last.code !== void 0 ? { code: last.code } : {}
      },
      last
    );
  }
  /** PATCH bytes [start, end) of the blob; returns the new location and the offset the registry now holds. */
  async patchChunk(repository, blob, session, source, start, end) {
    const action = `upload bytes ${start}-${end - 1} of blob ${blob.digest}`;
    const response = await this.call({
      method: "PATCH",
      url: session.location,
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: {
        "Content-Type": "application/octet-stream",
        // The spec's chunk range is inclusive and has no "bytes " unit.
        "Content-Range": `${start}-${end - 1}`,
        "Content-Length": String(end - start)
      },
      body: bodyFactory(source, start, end),
      retry: { attempts: 1 }
    });
    if (response.status !== 202) throw await this.failure(response, repository, action, [pushScope(repository)]);
    await response.body?.cancel().catch(() => {
    });
    const reported = rangeEnd(response.headers.get("range"));
    return {
      session: { ...session, location: this.location(response, session.location, action, repository) },
      offset: reported !== void 0 && reported <= blob.size ? reported : end
    };
  }
  /** The closing PUT with ?digest=, carrying the whole blob (monolithic) or nothing (after chunks). */
  async closeUpload(repository, blob, session, whole) {
    const action = whole ? `upload blob ${blob.digest}` : `finish the upload of blob ${blob.digest}`;
    const response = await this.call({
      method: "PUT",
      url: withQueryParameter(session.location, "digest", blob.digest),
      scopes: [pushScope(repository)],
      action,
      repository,
      headers: whole ? { "Content-Type": "application/octet-stream", "Content-Length": String(blob.size) } : { "Content-Length": "0" },
      ...whole ? { body: bodyFactory(whole, 0, blob.size) } : {},
      retry: { attempts: 1 }
    });
    if (response.status !== 201) throw await this.failure(response, repository, action, [pushScope(repository)]);
    await response.body?.cancel().catch(() => {
    });
    const returned = response.headers.get("docker-content-digest");
    if (returned !== null && returned !== blob.digest) {
      throw new RegistryAccessError(
        `uploaded blob ${blob.digest} to ${repository} on ${this.host}, but the registry stored it as ${returned}`,
        { host: this.host, repository, status: 201, tried: this.authorizer.describe() }
      );
    }
  }
  /** GET the upload: how many bytes the registry holds (Range: 0-N), or undefined when it cannot tell. */
  async uploadStatus(repository, session) {
    try {
      const response = await this.call({
        method: "GET",
        url: session.location,
        scopes: [pushScope(repository)],
        action: "ask how far an upload got",
        repository
      });
      await response.body?.cancel().catch(() => {
      });
      if (response.status !== 204 && response.status !== 200) return void 0;
      const location = response.headers.get("location");
      return {
        session: { ...session, location: location ? new URL(location, session.location).href : session.location },
        offset: rangeEnd(response.headers.get("range")) ?? 0
      };
    } catch {
      return void 0;
    }
  }
  /** DELETE an upload we will not finish, so the registry can drop it now rather than at its next cleanup. */
  async cancelUpload(repository, session) {
    const action = "cancel an upload";
    const response = await this.call({ method: "DELETE", url: session.location, scopes: [pushScope(repository)], action, repository });
    await response.body?.cancel().catch(() => {
    });
    if (!response.ok && response.status !== 404) throw await this.failure(response, repository, action, [pushScope(repository)]);
  }
  /**
   * One request with the authorizer's header for its scopes (several go space-separated, as OAuth2 scopes do).
   * A 401 is reported to the authorizer, and the request sent once more if it has something new to try.
   */
  async call(options) {
    const scope = options.scopes.join(" ");
    for (let challenged = false; ; challenged = true) {
      const authorization = await this.authorizer.header(scope);
      const headers = {
        "User-Agent": this.userAgent,
        ...options.headers,
        ...authorization !== void 0 ? { Authorization: authorization } : {}
      };
      let response;
      try {
        response = await sendRequest(
          { method: options.method, url: options.url, headers, ...options.body ? { body: options.body } : {} },
          { policy: { ...this.retry, retryConnectionRefused: this.reached, ...options.retry }, ...this.retryHook() }
        );
      } catch (error) {
        if (error instanceof ConnectionError) throw unreachable(this.context(options.repository, options.action, scope), error);
        throw error;
      }
      this.reached = true;
      if (response.status !== 401 || challenged) return response;
      const authenticate = response.headers.get("www-authenticate");
      const text = await response.text().catch(() => "");
      if (authenticate === null || !await this.authorizer.challenge(authenticate, scope)) {
        return new Response(text, { status: 401, headers: response.headers });
      }
    }
  }
  async failure(response, repository, action, scopes) {
    return failureFromResponse(this.context(repository, action, scopes.join(" ")), response, this.retry.attempts);
  }
  context(repository, action, scope) {
    return { host: this.host, repository, action, scope, tried: this.authorizer.describe() };
  }
  /** The Location of an upload response, resolved against the request's URL (registries send either kind). */
  location(response, requestUrl, action, repository) {
    const location = response.headers.get("location");
    if (location === null) {
      throw new RegistryAccessError(`cannot ${action} (${repository} on ${this.host}): the registry sent no Location for the upload`, {
        host: this.host,
        repository,
        status: response.status,
        tried: this.authorizer.describe()
      });
    }
    return new URL(location, requestUrl).href;
  }
  retryHook() {
    return this.onRetry ? { onRetry: this.onRetry } : {};
  }
  notify(url, attempt, reason, delayMs) {
    this.onRetry?.({ method: "upload", url: redactUrl(url), attempt, reason, delayMs });
  }
};
function deleteScope(repository) {
  return `repository:${repository}:pull,push,delete`;
}
function pushScope(repository) {
  return `repository:${repository}:pull,push`;
}
function withQueryParameter(url, name, value) {
  const parsed = new URL(url);
  const hash = parsed.hash;
  const base = hash ? url.slice(0, url.length - hash.length) : url;
  const separator = parsed.search === "" ? base.endsWith("?") ? "" : "?" : "&";
  return `${base}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}
function rangeEnd(range) {
  const match = range === null ? null : /^(?:bytes=)?0-(\d+)$/.exec(range.trim());
  if (!match) return void 0;
  const last = Number(match[1]);
  return last === 0 ? 0 : last + 1;
}
function bodyFactory(source, start, end) {
  if ("bytes" in source) return () => source.bytes.subarray(start, end);
  if (end <= start) return () => Buffer.alloc(0);
  return () => createReadStream(source.file, { start, end: end - 1 });
}
function isRedirect(status) {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
function isTransientUploadFailure(error, troubled) {
  if (!(error instanceof RegistryAccessError)) return false;
  if (error.status === void 0) return true;
  if (error.status === 429 || error.status >= 500 || error.status === 416) return true;
  if (error.code !== void 0 && UPLOAD_LOST_CODES.has(error.code)) return true;
  return troubled && error.code !== void 0 && UPLOAD_CORRUPT_CODES.has(error.code);
}
function reasonOf(error) {
  if (error instanceof RegistryAccessError)
    return error.status !== void 0 ? `HTTP ${error.status}${error.code ? ` ${error.code}` : ""}` : "a connection error";
  return "an error";
}

// src/storage/probe.ts
var PROBE_TIMEOUT_MS = 2e4;
async function probeBucket(storage, timeoutMs = PROBE_TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(
        new BucketAccessError(
          "reach",
          storage.location,
          `no answer within ${timeoutMs / 1e3} s`,
          "check the bucket name, the endpoint and the credentials (checked before building, so nothing was built)"
        )
      ),
      timeoutMs
    );
  });
  try {
    await Promise.race([storage.stat("index.json"), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// src/targets/registry.ts
var MANIFEST_TYPES = /* @__PURE__ */ new Set([MediaType.ociManifest, MediaType.ociIndex, MediaType.dockerManifest, MediaType.dockerManifestList]);
var RegistryTarget = class {
  location;
  consumesFiles = false;
  client;
  destination;
  /** Where this run has seen each blob: the repository to mount it from. */
  seen = /* @__PURE__ */ new Map();
  constructor(client, destination) {
    this.client = client;
    this.destination = destination;
    this.location = describeDestination(destination);
  }
  /** The pull reference of an image's tag or digest here, e.g. `ghcr.io/acme/images/shell/git:pr-7`. */
  reference(name, tagOrDigest) {
    const separator = tagOrDigest.startsWith("sha256:") ? "@" : ":";
    return `${this.destination.host}/${this.repository(name)}${separator}${tagOrDigest}`;
  }
  async hasBlob(name, blob) {
    const repository = this.repository(name);
    const present = MANIFEST_TYPES.has(blob.mediaType) ? await this.client.hasManifest(repository, blob) : await this.client.hasBlob(repository, blob);
    if (present) this.seen.set(blob.digest, repository);
    return present;
  }
  stagingDir() {
    return localStagingDir();
  }
  putBlobFile(name, blob, localPath) {
    return this.putBlob(name, blob, { file: localPath });
  }
  putBlobBytes(name, blob, bytes) {
    return this.putBlob(name, blob, { bytes });
  }
  async putManifest(name, manifest, bytes) {
    const repository = this.repository(name);
    if (await this.client.hasManifest(repository, manifest)) return 0;
    await this.client.putManifest(repository, manifest.digest, manifest.mediaType, bytes);
    return bytes.length;
  }
  /**
   * Registries with the referrers API index the subject themselves (they answer OCI-Subject); for the others the
   * distribution spec's tag schema applies: an index of referrers under the tag `sha256-<subject hex>`.
   */
  async putReferrer(name, subject, referrer, bytes) {
    const repository = this.repository(name);
    if (await this.client.hasManifest(repository, referrer)) {
      const listed = await this.client.listReferrers(repository, subject.digest);
      if (listed === null) await this.addToFallbackIndex(repository, subject, referrer);
      return 0;
    }
    if (!await this.client.putReferrerManifest(repository, referrer, bytes)) await this.addToFallbackIndex(repository, subject, referrer);
    return bytes.length;
  }
  /** The tag-schema fallback: the index under `sha256-<subject hex>`, with `referrer` added unless it is there. */
  async addToFallbackIndex(repository, subject, referrer) {
    const tag = referrersFallbackTag(subject.digest);
    const existing = await this.client.getManifest(repository, tag);
    const listed = existing ? parseReferrersIndex(existing) : [];
    if (listed.some((d) => d.digest === referrer.digest)) return;
    await this.client.putManifest(repository, tag, MediaType.ociIndex, serializeReferrersIndex([...listed, referrer]));
  }
  async tag(name, tags, manifest, bytes) {
    const repository = this.repository(name);
    for (const tag of new Set(tags)) await this.client.putManifest(repository, tag, manifest.mediaType, bytes);
  }
  /** Removes name:tag here, as far as the registry allows (see RegistryClient.deleteTag); `alsoRemoving` are its other tags going too. */
  removeTag(name, tag, alsoRemoving = /* @__PURE__ */ new Set()) {
    return this.client.deleteTag(this.repository(name), tag, alsoRemoving);
  }
  /** Sends a blob unless the repository holds it or can mount it from another repository; returns the bytes sent. */
  async putBlob(name, blob, source) {
    const repository = this.repository(name);
    if (await this.client.hasBlob(repository, blob)) return 0;
    const from = this.seen.get(blob.digest);
    if (from !== void 0 && from !== repository && await this.client.mountBlob(repository, blob, from)) {
      this.seen.set(blob.digest, repository);
      return 0;
    }
    const sent = await this.client.pushBlob(repository, blob, source);
    this.seen.set(blob.digest, repository);
    return sent;
  }
  repository(name) {
    return repositoryFor(this.destination, name);
  }
};

// src/pipeline/destination.ts
function bucketDestination(storage) {
  return { targets: [new BucketTarget(new ImageStore(storage))], cache: new BuildCache(storage) };
}
async function openDestination(settings, options = {}) {
  const storage = await openStorage(settings.bucket, options);
  await probeBucket(storage);
  const registries = await Promise.all(settings.registries.map((registry) => openRegistryTarget(registry, options)));
  const destination = bucketDestination(storage);
  return { destination: { ...destination, targets: [...destination.targets, ...registries] }, storage, registries };
}
async function openRegistryTarget(registry, options = {}) {
  const fallback = options.fallbackCredentials?.host === registry.host ? options.fallbackCredentials : void 0;
  const credentials = await findCredentials(registry.host, {
    ...registry.prefix ? { repository: registry.prefix } : {},
    ...options.env ? { env: options.env } : {},
    ...fallback ? { fallback: { credentials: fallback.credentials, source: fallback.source } } : {}
  });
  const client = new RegistryClient({
    host: registry.host,
    insecure: registry.insecure,
    authorizer: createAuthorizer({ host: registry.host, credentials })
  });
  return new RegistryTarget(client, registry);
}

export {
  parsePushDestination,
  bucketDestination,
  openDestination,
  openRegistryTarget
};
