import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStorage } from '../../src/storage/open.ts';
import { CLI_PATH, EXAMPLE_PACKAGES, REPO_ROOT } from './support/cli.ts';
import { startGcsEmulator } from './support/gcs-emulator.ts';
import { startS3Server } from './support/s3-server.ts';
import { requireTools } from './support/run.ts';
import { startServe } from './support/serve.ts';
import { buildInto, pullAndVerify, verifyBucket } from './storage-e2e-support.ts';

// The fault test: four builds of overlapping images race into one bucket while a fifth is killed with
// SIGKILL once it has started writing layers, then re-run. Afterwards every tagged image pulls and verifies, and
// every object under blobs/ hashes to its key (nothing partial under a final key).

const RACERS = [['shell/hello'], ['hello'], ['coreutils/hello'], ['hello/nano']];
const KILLED = ['moreutils/cacert'];

let work: string;
before(async () => {
  requireTools('nix-build', 'nix-store', 'skopeo', 'busybox');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-storage-faults-'));
});
after(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

/** Starts a build and SIGKILLs it at its first layer line (one upload at a time, so later layers are still pending). */
function buildAndKill(bucket: string, env: NodeJS.ProcessEnv): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      CLI_PATH,
      'build',
      ...KILLED,
      '--pkgs-path',
      EXAMPLE_PACKAGES,
      '--out',
      bucket,
      '--tag',
      'killed',
      '--upload-parallelism',
      '1',
      '--parallelism',
      '1',
    ],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (/: layer \d+\//.test(stderr) && child.signalCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve({ signal, stderr })));
}

const backends = [
  {
    name: 's3',
    start: async () => {
      const server = await startS3Server(['faults']);
      return { url: 's3://faults/images', env: { ...process.env, ...server.env }, stop: server.stop };
    },
  },
  {
    name: 'gcs',
    start: async () => {
      const emulator = await startGcsEmulator();
      return { url: 'gs://faults/images', env: { ...process.env, STORAGE_EMULATOR_HOST: emulator.host }, stop: emulator.stop };
    },
  },
];

for (const { name, start } of backends) {
  describe(`${name}: concurrent builds and a killed build`, () => {
    let backend: { url: string; env: NodeJS.ProcessEnv; stop(): Promise<void> };
    before(async () => {
      backend = await start();
    });
    after(() => backend?.stop());

    test('leave every tagged image whole and pullable', async () => {
      const [killed, ...raced] = await Promise.all([
        buildAndKill(backend.url, backend.env),
        ...RACERS.map((names) => buildInto(backend.url, names, 'race', backend.env)),
      ]);
      assert.equal(killed!.signal, 'SIGKILL', `the fifth build was killed mid-write:\n${killed!.stderr}`);
      assert.equal(raced.length, 4);

      Object.assign(process.env, backend.env);
      const storage = await openStorage(backend.url);
      await verifyBucket(storage); // after the kill, before the re-run: nothing partial under a final key

      const [rerun] = await buildInto(backend.url, KILLED, 'killed', backend.env);
      assert.ok(rerun);
      const refs = await verifyBucket(storage);
      const expected = [...raced.map((results) => results[0]!.ref), rerun.ref].sort();
      assert.equal(new Set(expected).size, 5, `five distinct images: ${expected.join(' ')}`);
      assert.deepEqual(refs, expected);

      const serving = await startServe(['--storage', backend.url, '--port', '0'], { env: backend.env });
      try {
        for (const [i, ref] of refs.entries()) await pullAndVerify(serving.port, ref, path.join(work, `${name}-${i}`));
      } finally {
        await serving.stop();
      }
    });
  });
}
