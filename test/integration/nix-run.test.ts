import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runNixCommand } from '../../src/nix/run.ts';
import { assertGone } from './support/processes.ts';

// The process handling under buildImagePackages, driven by a real shell: a command that
// ignores SIGTERM and starts a process in a session of its own, as Nix's builders are.

test('captures stdout and streams stderr lines', async () => {
  const lines: string[] = [];
  const result = await runNixCommand('/bin/sh', ['-c', 'echo out1; echo err1 >&2; printf "err2" >&2; exit 3'], {
    nix: {},
    deadline: Date.now() + 30_000,
    onStderrLine: (line) => lines.push(line),
  });
  assert.equal(result.exitCode, 3);
  assert.equal(result.stdout, 'out1\n');
  assert.deepEqual(lines, ['err1', 'err2']);
  assert.deepEqual(result.stderrTail, ['err1', 'err2']);
  assert.equal(result.stopped, undefined);
});

test('keeps only the last lines of stderr', async () => {
  const result = await runNixCommand('/bin/sh', ['-c', 'for i in $(seq 1 100); do echo line$i >&2; done'], {
    nix: {},
    deadline: Date.now() + 30_000,
    tailLines: 40,
  });
  assert.equal(result.stderrTail.length, 40);
  assert.equal(result.stderrTail[0], 'line61');
  assert.equal(result.stderrTail[39], 'line100');
});

test('a missing command is a clear error', async () => {
  await assert.rejects(
    runNixCommand('nix-build-does-not-exist', [], { nix: {}, deadline: Date.now() + 30_000 }),
    /nix-build-does-not-exist not found on PATH: install Nix/,
  );
});

test('a command that ignores SIGTERM is killed, with processes that left its group', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nixery-run-test-'));
  try {
    const script = `
      trap "" TERM
      setsid /bin/sleep 600 &
      echo $! > ${dir}/escaped.pid
      echo ready >&2
      /bin/sleep 600
    `;
    const result = await runNixCommand('/bin/sh', ['-c', script], { nix: {}, deadline: Date.now() + 1000 });
    assert.equal(result.stopped, 'timeout');
    assert.equal(result.stderrTail[0], 'ready');
    const escaped = Number((await readFile(path.join(dir, 'escaped.pid'), 'utf8')).trim());
    assert.ok(escaped > 0);
    await assertGone(escaped, `process ${escaped} in its own session survived`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an already aborted signal starts nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  const result = await runNixCommand('/bin/sh', ['-c', 'echo started'], {
    nix: {},
    deadline: Date.now() + 30_000,
    signal: controller.signal,
  });
  assert.equal(result.stopped, 'abort');
  assert.equal(result.stdout, '');
});
