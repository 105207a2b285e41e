import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildImagePackages } from '../../src/nix/build.ts';
import type { NixBuildResult } from '../../src/nix/build.ts';
import { NixBuildError, NixTimeoutError, UnknownPackagesError } from '../../src/errors.ts';
import { resolveSource } from '../../src/nix/resolve-source.ts';
import type { ResolvedSource } from '../../src/nix/resolve-source.ts';
import { assertGone } from './support/processes.ts';
import { requireTools } from './support/run.ts';

// Real nix-build against the offline example set and the attribute-lookup fixture.

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SYSTEM = 'x86_64-linux';
const TIMEOUT_MS = 120_000;

// No binary cache is reachable here; asking it costs seconds of retries per build.
process.env.NIX_CONFIG = `${process.env.NIX_CONFIG ?? ''}\nsubstituters =`;

let examples: ResolvedSource;
let fixture: ResolvedSource;

before(async () => {
  requireTools('nix-build', 'nix', 'busybox');
  examples = await resolveSource({ kind: 'path', path: path.join(REPO_ROOT, 'nix/examples') }, 'latest');
  fixture = await resolveSource({ kind: 'path', path: path.join(REPO_ROOT, 'test/fixtures/attrs') }, 'latest');
});

function build(source: ResolvedSource, packages: string[], extra: Partial<Parameters<typeof buildImagePackages>[0]> = {}) {
  return buildImagePackages({ source, packages, system: SYSTEM, timeoutMs: TIMEOUT_MS, nix: {}, ...extra });
}

/** The package name part of a store path: /nix/store/<hash>-<name>. */
function storeName(storePath: string): string {
  return path.basename(storePath).slice(33);
}

function assertWellFormedClosure(result: NixBuildResult): void {
  assert.deepEqual(result.closure.roots, result.outputs);
  for (const [p, info] of Object.entries(result.closure.paths)) {
    assert.match(p, /^\/nix\/store\/[0-9a-z]{32}-/);
    assert.ok(info.narSize > 0, `${p} has narSize ${info.narSize}`);
    for (const ref of info.references) assert.ok(result.closure.paths[ref], `${p} refers to ${ref}, missing from the graph`);
  }
}

describe('example package set', () => {
  test('hello builds, runs, and its closure is hello -> busybox', async () => {
    const logLines: string[] = [];
    const result = await build(examples, ['hello'], { onLogLine: (line) => logLines.push(line) });

    assert.equal(result.outputs.length, 1);
    const hello = result.outputs[0]!;
    assert.equal(storeName(hello), 'hello-2.12');
    assertWellFormedClosure(result);

    const busybox = Object.keys(result.closure.paths).find((p) => storeName(p) === 'busybox');
    assert.ok(busybox, 'busybox is in the closure');
    assert.deepEqual(result.closure.paths[hello]!.references, [busybox]);
    assert.deepEqual(Object.keys(result.closure.paths).sort(), [busybox, hello].sort());
    assert.ok(result.closure.paths[busybox]!.narSize > 1_000_000, 'busybox is the real static binary');

    const out = execFileSync(path.join(hello, 'bin/hello'), { encoding: 'utf8' });
    assert.equal(out, 'Hello, world!\n');
  });

  test('the shell meta-package names resolve (case-insensitively) and all depend on busybox', async () => {
    const result = await build(examples, ['bashinteractive', 'coreutils', 'moreutils', 'nano', 'cacert']);
    assert.deepEqual(result.outputs.map(storeName), ['bash-interactive-5.2', 'coreutils-9.4', 'moreutils-0.69', 'nano-7.2', 'nss-cacert']);
    assertWellFormedClosure(result);
    for (const output of result.outputs.slice(0, 4)) {
      assert.ok(
        result.closure.paths[output]!.references.some((r) => storeName(r) === 'busybox'),
        `${output} refers to busybox`,
      );
    }
    const [bash, coreutils, moreutils] = result.outputs as [string, string, string];
    assert.equal(execFileSync(path.join(bash, 'bin/sh'), ['-c', 'echo from-sh'], { encoding: 'utf8' }), 'from-sh\n');
    assert.equal(execFileSync(path.join(coreutils, 'bin/echo'), ['hi'], { encoding: 'utf8' }), 'hi\n');
    assert.equal(execFileSync(path.join(moreutils, 'bin/sponge'), { input: 'soaked\n', encoding: 'utf8' }), 'soaked\n');
    const bundle = await readFile(path.join(result.outputs[4]!, 'etc/ssl/certs/ca-bundle.crt'), 'utf8');
    assert.match(bundle, /^-----BEGIN CERTIFICATE-----/);
  });

  test('the same request gives the same store paths (reproducible evaluation)', async () => {
    const a = await build(examples, ['hello', 'coreutils']);
    const b = await build(examples, ['coreutils', 'hello']);
    assert.deepEqual([...a.outputs].sort(), [...b.outputs].sort());
    assert.deepEqual(a.closure.paths, b.closure.paths);
  });
});

describe('attribute lookup', () => {
  test('dotted names, case-insensitive at every level, and digit-start names resolve', async () => {
    const result = await build(fixture, ['haskellpackages.pandoc', 'XORG.XEV', '7zip', 'tools.sed']);
    assert.deepEqual(result.outputs.map(storeName), ['pandoc', 'xev', '7zip', 'sed']);
    assertWellFormedClosure(result);
  });

  test('an exact match wins over case-insensitive look-alikes', async () => {
    const result = await build(fixture, ['foo']);
    assert.deepEqual(result.outputs.map(storeName), ['foo-lower']);
  });

  test('ambiguous, missing, non-derivation and throwing names are all reported together', async () => {
    const wanted = ['haskellpackages.pandoc', 'ambiguous', 'tools.grep', 'notapackage', 'xorg', 'removedpackage', 'nope', '7zip.x'];
    const logLines: string[] = [];
    const error = await build(fixture, wanted, { onLogLine: (line) => logLines.push(line) }).then(
      () => assert.fail('expected UnknownPackagesError'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof UnknownPackagesError, `got ${String(error)}`);
    const unknown = wanted.slice(1);
    assert.deepEqual(error.packages, unknown);
    for (const name of unknown) assert.ok(error.message.includes(name), `message names ${name}: ${error.message}`);
    assert.doesNotMatch(error.message, /haskellpackages\.pandoc/);
    assert.match(error.reasons.ambiguous!, /ambiguous.*AMBIGUOUS.*Ambiguous/);
    assert.match(error.reasons['tools.grep']!, /ambiguous in "tools"/);
    assert.match(error.reasons.notapackage!, /not a package/);
    assert.match(error.reasons.xorg!, /not a package/);
    assert.match(error.reasons.removedpackage!, /fails to evaluate/);
    assert.match(error.reasons.nope!, /no attribute "nope"/);
    // No Nix stack trace or marker text reaches the user, in the error or the streamed log.
    assert.doesNotMatch(error.message, /while evaluating|nixery-unknown|image-packages\.nix/);
    assert.doesNotMatch(logLines.join('\n'), /nixery-unknown|image-packages\.nix/);
  });
});

describe('failures', () => {
  test("a package set that does not evaluate gives NixBuildError with Nix's message", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nixery-broken-set-'));
    try {
      await writeFile(path.join(dir, 'default.nix'), '{ system ? null, ... }: { hello = ; }\n');
      const broken = await resolveSource({ kind: 'path', path: dir }, 'latest');
      const logLines: string[] = [];
      const error = await build(broken, ['hello'], { onLogLine: (line) => logLines.push(line) }).then(
        () => assert.fail('expected NixBuildError'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof NixBuildError, `got ${String(error)}`);
      assert.match(error.message, /syntax error/);
      assert.match(error.message, new RegExp(`from path ${dir}`));
      assert.ok(
        logLines.some((l) => /syntax error/.test(l)),
        'the error is streamed too',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a failing builder gives NixBuildError with the end of its log', async () => {
    const error = await build(fixture, ['failing']).then(
      () => assert.fail('expected NixBuildError'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof NixBuildError, `got ${String(error)}`);
    const tail = error.logTail.join('\n');
    assert.match(tail, /fixture-failing: first log line/);
    assert.match(tail, /fixture-failing: error: the build broke on purpose/);
    assert.ok(error.logTail.length <= 40);
    assert.match(error.message, /fixture-failing: error: the build broke on purpose/);
    assert.match(error.message, /failing/);
  });
});

describe('timeouts and aborts stop the whole process tree', () => {
  let pidDir: string;

  before(async () => {
    pidDir = await mkdtemp(path.join(os.tmpdir(), 'nixery-nix-test-'));
    // Builders run as the nixbld users.
    await chmod(pidDir, 0o777);
  });
  after(async () => {
    delete process.env.NIXERY_TEST_PID_DIR;
    await rm(pidDir, { recursive: true, force: true });
  });

  async function builderPids(dir: string): Promise<number[]> {
    return Promise.all(['builder.pid', 'child.pid'].map(async (f) => Number((await readFile(path.join(dir, f), 'utf8')).trim())));
  }

  test('timeout: NixTimeoutError, and the builder and its child are gone', async () => {
    const dir = await mkdtemp(path.join(pidDir, 'timeout-'));
    await chmod(dir, 0o777);
    process.env.NIXERY_TEST_PID_DIR = dir;
    const logLines: string[] = [];
    const error = await build(fixture, ['sleeping'], { timeoutMs: 4000, onLogLine: (l) => logLines.push(l) }).then(
      () => assert.fail('expected NixTimeoutError'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof NixTimeoutError, `got ${String(error)}`);
    assert.match(error.message, /within 4s/);
    assert.ok(logLines.includes('fixture-sleeping: started'), 'the builder had started before the timeout');
    const pids = await builderPids(dir);
    for (const pid of pids) await assertGone(pid, `process ${pid} survived the timeout`);
  });

  test('abort signal: rejects with the reason, and the builder and its child are gone', async () => {
    const dir = await mkdtemp(path.join(pidDir, 'abort-'));
    await chmod(dir, 0o777);
    process.env.NIXERY_TEST_PID_DIR = dir;
    const controller = new AbortController();
    const reason = new Error('client went away');
    const error = await build(fixture, ['sleeping'], {
      signal: controller.signal,
      onLogLine: (line) => {
        if (line === 'fixture-sleeping: started') controller.abort(reason);
      },
    }).then(
      () => assert.fail('expected an abort'),
      (e: unknown) => e,
    );
    assert.equal(error, reason);
    const pids = await builderPids(dir);
    for (const pid of pids) await assertGone(pid, `process ${pid} survived the abort`);
  });
});
