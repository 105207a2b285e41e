import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { UsageError } from '../../src/errors.ts';
import { DEFAULT_LAYER_BUDGET } from '../../src/layers/budget.ts';
import { DEFAULT_TIMEOUT_SECONDS } from '../../src/settings/rules.ts';
import { DEFAULT_LEASE_SECONDS } from '../../src/settings/lease-settings.ts';
import {
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_HOST,
  DEFAULT_MAX_CONCURRENT_BUILDS,
  DEFAULT_MAX_QUEUED_BUILDS,
  DEFAULT_PORT,
  readServeSettings,
} from '../../src/settings/serve-settings.ts';

const HELP = 'a folder, gs:// or s3://';
const EXAMPLES = path.resolve(import.meta.dirname, '../../nix/examples');

describe('readServeSettings', () => {
  it('gives the defaults for a bare read-only registry, with no on-demand settings', () => {
    assert.deepEqual(readServeSettings({ storage: '/srv/b' }, {}, HELP), {
      storage: '/srv/b',
      port: DEFAULT_PORT,
      host: DEFAULT_HOST,
      cacheTtlMs: DEFAULT_CACHE_TTL_MS,
      redirectBlobs: false,
    });
  });

  it("takes the bucket from Nixery's variables when no flag names it, and says what is missing", () => {
    const env = { NIXERY_STORAGE_BACKEND: 'filesystem', STORAGE_PATH: '/var/nixery' };
    assert.equal(readServeSettings({}, env, HELP).storage, '/var/nixery');
    assert.equal(readServeSettings({ storage: '/flag/wins' }, env, HELP).storage, '/flag/wins');
    assert.throws(
      () => readServeSettings({}, {}, HELP),
      (e: unknown) => e instanceof UsageError && e.message.includes(HELP),
    );
  });

  it('refuses build-only flags without --build, naming the flag', () => {
    for (const values of [
      { budget: '10' },
      { 'pkgs-path': EXAMPLES },
      { 'allow-nixpkgs-tags': true },
      { 'max-builds': '3' },
      { 'nix-builders': 'ssh://b' },
    ]) {
      assert.throws(
        () => readServeSettings({ storage: '/b', ...values }, {}, HELP),
        (e: unknown) => e instanceof UsageError && e.message.startsWith(`--${Object.keys(values)[0]} only applies with --build`),
      );
    }
  });

  it('with --build, gives typed build settings from flags and the environment', () => {
    const settings = readServeSettings(
      {
        storage: '/b',
        build: true,
        'pkgs-path': EXAMPLES,
        'max-builds': '3',
        'build-queue': '0',
        compression: 'zstd',
        'nix-cache-push': 'file:///srv/cache',
      },
      { NIX_TIMEOUT: '90', NIXERY_NIX_SUBSTITUTERS: 's3://cache?region=r', NIXERY_NIX_CACHE_PUSH: 'file:///ignored' },
      HELP,
    );
    assert.deepEqual(settings.onDemand, {
      build: {
        source: { kind: 'path', path: EXAMPLES },
        budget: DEFAULT_LAYER_BUDGET,
        compression: 'zstd',
        timeoutMs: 90_000,
        nix: { substituters: ['s3://cache?region=r'] },
        closurePush: { url: 'file:///srv/cache' },
      },
      maxConcurrentBuilds: 3,
      maxQueuedBuilds: 0,
      allowNixpkgsTags: false,
      leaseMs: DEFAULT_LEASE_SECONDS * 1000,
      buildWaitMs: 90_000 + 2 * DEFAULT_LEASE_SECONDS * 1000,
    });
    const defaults = readServeSettings({ storage: '/b', build: true, 'pkgs-path': EXAMPLES }, {}, HELP).onDemand!;
    assert.equal(defaults.maxConcurrentBuilds, DEFAULT_MAX_CONCURRENT_BUILDS);
    assert.equal(defaults.maxQueuedBuilds, DEFAULT_MAX_QUEUED_BUILDS);
    assert.equal(defaults.build.timeoutMs, DEFAULT_TIMEOUT_SECONDS * 1000);
  });

  it('reads the lease and the build wait from flags, else NIXERY_LEASE_SECONDS and NIXERY_BUILD_WAIT', () => {
    const read = (values: Record<string, string>, env: NodeJS.ProcessEnv) =>
      readServeSettings({ storage: '/b', build: true, 'pkgs-path': EXAMPLES, ...values }, env, HELP).onDemand!;
    const env = read({}, { NIXERY_LEASE_SECONDS: '10', NIXERY_BUILD_WAIT: '120' });
    assert.deepEqual([env.leaseMs, env.buildWaitMs], [10_000, 120_000]);
    const flags = read({ lease: '2.5', 'build-wait': '60' }, { NIXERY_LEASE_SECONDS: '10', NIXERY_BUILD_WAIT: '' });
    assert.deepEqual([flags.leaseMs, flags.buildWaitMs], [2_500, 60_000]);
    // Without a wait, a pull waits as long as the holder may build, then two leases to notice it died.
    const derived = read({ lease: '5', timeout: '100' }, {});
    assert.equal(derived.buildWaitMs, 100_000 + 10_000);
    const bad: [Record<string, string>, NodeJS.ProcessEnv, RegExp][] = [
      [{ lease: '0.5' }, {}, /^--lease "0\.5": expected a number of seconds from 1 to 3600$/],
      [{}, { NIXERY_LEASE_SECONDS: 'long' }, /^NIXERY_LEASE_SECONDS "long"/],
      [{ 'build-wait': '' }, {}, /^--build-wait "": expected a number of seconds/],
    ];
    for (const [values, env, message] of bad) {
      assert.throws(
        () => read(values, env),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
        JSON.stringify(values),
      );
    }
    assert.throws(
      () => readServeSettings({ storage: '/b', lease: '5' }, {}, HELP),
      (e: unknown) => e instanceof UsageError && e.message.startsWith('--lease only applies with --build'),
    );
  });

  it('refuses nixpkgs commit tags for a source that is not nixpkgs, and bad numbers and URLs', () => {
    const bad: [Record<string, string | boolean>, RegExp][] = [
      [{ build: true, 'pkgs-path': EXAMPLES, 'allow-nixpkgs-tags': true }, /^--allow-nixpkgs-tags goes with a nixpkgs or channel/],
      [{ build: true, 'build-queue': '-1' }, /^--build-queue "-1"/],
      [{ 'cache-ttl': 'soon' }, /^--cache-ttl "soon"/],
      [{ 'public-url': 'ftp://x' }, /^--public-url "ftp:\/\/x"/],
      [{ port: '70000' }, /^--port "70000"/],
    ];
    for (const [values, message] of bad) {
      assert.throws(
        () => readServeSettings({ storage: '/b', ...values }, {}, HELP),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
        JSON.stringify(values),
      );
    }
  });
});
