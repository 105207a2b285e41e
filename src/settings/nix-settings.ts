import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import type { ClosurePush } from '../nix/copy.ts';
import type { NixOptions } from '../nix/options.ts';

// Remote builders, binary caches and the closure push, whichever front door they came through (flags,
// NIXERY_NIX_* variables, action inputs). Nix only warns about a setting it cannot parse and then goes on
// without it, so every value is checked here, and the message names the setting as the user spelled it.

/** The raw values, as the front door read them; undefined (or empty) means not given. */
export interface NixSettingValues {
  builders?: string;
  buildersUseSubstitutes?: string | boolean;
  substituters?: string[];
  trustedPublicKeys?: string[];
  cachePush?: string;
  cacheSecretKeyFile?: string;
}

/** How the front door spells each setting, for messages. */
export type NixSettingNames = Record<keyof NixSettingValues, string>;

export interface NixSettings {
  nix: NixOptions;
  closurePush?: ClosurePush;
}

const STORE_URL_EXAMPLES = 'e.g. https://cache.example.org, s3://bucket?region=eu-west-1, file:///srv/nix-cache';
// Store URLs Nix opens, whatever their kind: scheme://…, the local and daemon stores by name, or a path.
const STORE_URL = /^(?:[a-z][a-z0-9+.-]*:\/\/\S+|local|daemon|auto|\/\S*)$/i;
// `nix copy --to` signs while uploading only into binary caches.
const BINARY_CACHE = /^(?:file|https?|s3):\/\//i;
const SYSTEM = /^[a-z0-9_]+-[a-z0-9_]+$/;
const FEATURE = /^[A-Za-z0-9_.+-]+$/;

export function readNixSettings(values: NixSettingValues, names: NixSettingNames): NixSettings {
  const nix: NixOptions = {};
  const builders = values.builders?.trim();
  if (builders) nix.builders = checkBuilders(builders, names.builders);
  const useSubstitutes = readBoolean(values.buildersUseSubstitutes, names.buildersUseSubstitutes);
  if (useSubstitutes !== undefined) nix.buildersUseSubstitutes = useSubstitutes;
  const substituters = words(values.substituters);
  for (const url of substituters) checkStoreUrl(url, names.substituters);
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
      `${names.cacheSecretKeyFile}: "${url}" is not a binary cache (file://, http(s)://, s3://); ` +
        'paths copied to another kind of store keep the signatures they have (sign them with "nix store sign" first)',
    );
  }
  checkSecretKeyFile(secretKeyFile, names.cacheSecretKeyFile);
  return { nix, closurePush: { url, secretKeyFile } };
}

/** Space-separated lists, possibly given several times. */
function words(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).flatMap((v) => v.split(/\s+/)).filter((w) => w !== ''))];
}

function readBoolean(value: string | boolean | undefined, name: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  const text = value.trim().toLowerCase();
  if (text === '') return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new UsageError(`${name} "${value}": expected true or false`);
}

function checkStoreUrl(url: string, name: string): void {
  if (!STORE_URL.test(url)) throw new UsageError(`${name}: "${url}" is not a Nix store URL (${STORE_URL_EXAMPLES})`);
}

/** Nix's `builders`: "@FILE", or machines separated by ";" or newlines, each "URI [SYSTEMS [KEY [JOBS [SPEED [FEATURES [MANDATORY [HOSTKEY]]]]]]]". */
function checkBuilders(value: string, name: string): string {
  const machines = value
    .split(/[;\n]/)
    .map((m) => m.trim())
    .filter((m) => m !== '');
  for (const machine of machines) {
    if (machine.startsWith('@')) {
      if (!existsSync(machine.slice(1))) throw new UsageError(`${name}: the machines file "${machine.slice(1)}" does not exist`);
      continue;
    }
    const fields = machine.split(/\s+/);
    const [uri, systems, key, jobs, speed, features, mandatory, hostKey] = fields;
    const bad = (why: string) => new UsageError(`${name}: builder "${machine}": ${why}`);
    if (fields.length > 8)
      throw bad('too many fields; expected URI SYSTEMS SSH-KEY MAX-JOBS SPEED-FACTOR FEATURES MANDATORY-FEATURES HOST-KEY');
    if (!/^(?:ssh|ssh-ng):\/\/[^\s/?]+/.test(uri!) && !/^[^\s:/?]+$/.test(uri!) && !STORE_URL.test(uri!)) {
      throw bad(`"${uri}" is not a store URI (e.g. ssh-ng://builder@big-machine, ssh://builder@10.0.0.5)`);
    }
    const given = (field: string | undefined): field is string => field !== undefined && field !== '-';
    if (given(systems) && !systems.split(',').every((s) => SYSTEM.test(s))) {
      throw bad(`systems "${systems}" must be comma-separated Nix systems such as x86_64-linux,aarch64-linux (or -)`);
    }
    if (given(key) && !existsSync(key)) throw bad(`the SSH key "${key}" does not exist`);
    if (given(jobs) && !/^\d+$/.test(jobs)) throw bad(`max-jobs "${jobs}" must be a whole number (or -)`);
    if (given(speed) && !(/^\d+(\.\d+)?$/.test(speed) && Number(speed) > 0))
      throw bad(`speed factor "${speed}" must be a positive number (or -)`);
    for (const list of [features, mandatory]) {
      if (given(list) && !list.split(',').every((f) => FEATURE.test(f)))
        throw bad(`features "${list}" must be comma-separated words (or -)`);
    }
    if (given(hostKey) && !isBase64(hostKey)) {
      throw bad("the host key must be base64 (e.g. base64 -w0 of the builder's /etc/ssh/ssh_host_ed25519_key.pub)");
    }
  }
  if (machines.length === 0) throw new UsageError(`${name} is empty: give machines such as "ssh-ng://builder@host x86_64-linux"`);
  return machines.join(';');
}

/** A Nix signing key's public half: NAME:BASE64 of an ed25519 key (32 bytes). */
function checkPublicKey(key: string, name: string): void {
  const at = key.lastIndexOf(':');
  const data = key.slice(at + 1);
  if (at <= 0 || !isBase64(data) || Buffer.from(data, 'base64').length !== 32) {
    throw new UsageError(
      `${name}: "${key}" is not a Nix public key (NAME:BASE64, as in cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=)`,
    );
  }
}

function checkSecretKeyFile(file: string, name: string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new UsageError(`${name}: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const at = text.lastIndexOf(':');
  const data = text.slice(at + 1);
  if (at <= 0 || !isBase64(data) || Buffer.from(data, 'base64').length !== 64) {
    throw new UsageError(
      `${name}: "${file}" is not a Nix secret key (make one with: nix-store --generate-binary-cache-key NAME SECRET PUBLIC)`,
    );
  }
}

function isBase64(text: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0;
}

export interface NixFlagValues {
  'nix-builders'?: string;
  'nix-builders-use-substitutes'?: boolean;
  'nix-substituters'?: string[];
  'nix-trusted-public-keys'?: string[];
  'nix-cache-push'?: string;
  'nix-cache-secret-key-file'?: string;
}

/**
 * The CLI's flags (`build`, `serve --build`) over Nixery-style NIXERY_NIX_* variables (for containers configured by
 * environment); a flag wins over its variable, and messages name whichever was used.
 */
export function readNixFlags(values: NixFlagValues, env: NodeJS.ProcessEnv): NixSettings {
  const pick = <T>(flag: keyof NixFlagValues, variable: string, fromEnv: (v: string) => T) => {
    const value = values[flag];
    if (value !== undefined) return { value: value as T, name: `--${flag}` };
    const raw = env[variable];
    return raw !== undefined && raw.trim() !== '' ? { value: fromEnv(raw), name: variable } : { value: undefined, name: `--${flag}` };
  };
  const builders = pick<string>('nix-builders', 'NIXERY_NIX_BUILDERS', (v) => v);
  const useSubstitutes = pick<string | boolean>('nix-builders-use-substitutes', 'NIXERY_NIX_BUILDERS_USE_SUBSTITUTES', (v) => v);
  const substituters = pick<string[]>('nix-substituters', 'NIXERY_NIX_SUBSTITUTERS', (v) => [v]);
  const keys = pick<string[]>('nix-trusted-public-keys', 'NIXERY_NIX_TRUSTED_PUBLIC_KEYS', (v) => [v]);
  const push = pick<string>('nix-cache-push', 'NIXERY_NIX_CACHE_PUSH', (v) => v);
  const secretKey = pick<string>('nix-cache-secret-key-file', 'NIXERY_NIX_CACHE_SECRET_KEY_FILE', (v) => v);
  return readNixSettings(
    {
      ...(builders.value !== undefined ? { builders: builders.value } : {}),
      ...(useSubstitutes.value !== undefined ? { buildersUseSubstitutes: useSubstitutes.value } : {}),
      ...(substituters.value !== undefined ? { substituters: substituters.value } : {}),
      ...(keys.value !== undefined ? { trustedPublicKeys: keys.value } : {}),
      ...(push.value !== undefined ? { cachePush: push.value } : {}),
      ...(secretKey.value !== undefined ? { cacheSecretKeyFile: secretKey.value } : {}),
    },
    {
      builders: builders.name,
      buildersUseSubstitutes: useSubstitutes.name,
      substituters: substituters.name,
      trustedPublicKeys: keys.name,
      cachePush: push.name,
      cacheSecretKeyFile: secretKey.name,
    },
  );
}
