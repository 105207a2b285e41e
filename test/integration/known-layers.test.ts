import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLE_PACKAGES, runCli, runCliChecked, treeSnapshot } from './support/cli.ts';
import { requireTools } from './support/run.ts';

// Issue 17 end to end with real Nix: the plan stage reads the store layers of the images already in the bucket
// and reuses a set that fits. hello at budget 1 publishes one layer {busybox, hello}; shell/hello at budget 4
// alone cuts busybox into a layer of its own, but in the same bucket it reuses {busybox, hello} as it is.

interface BuildResult {
  digest: string;
  layers: number;
  cachedLayers: number;
  uploadedBytes: number;
}

let work: string;

async function build(name: string, bucket: string, budget: number): Promise<BuildResult> {
  const args = ['build', name, '--pkgs-path', EXAMPLE_PACKAGES, '--storage', bucket, '--tag', 'v1', '--budget', String(budget), '--json'];
  const result = await runCliChecked(args);
  return (JSON.parse(result.stdout) as { images: BuildResult[] }).images[0]!;
}

/** Each store layer's paths (from the config's history), as the image in the bucket has them. */
async function storeLayers(bucket: string, digest: string): Promise<string[][]> {
  const blob = async (d: string): Promise<Record<string, unknown>> =>
    JSON.parse(await readFile(path.join(bucket, 'blobs', 'sha256', d.replace(/^sha256:/, '')), 'utf8'));
  const manifest = (await blob(digest)) as { config: { digest: string } };
  const config = (await blob(manifest.config.digest)) as { history: { created_by: string }[] };
  return config.history
    .map((h) => h.created_by)
    .filter((c) => c.startsWith('nix store paths: '))
    .map((c) => c.slice('nix store paths: '.length).split(' '));
}

const names = (layer: string[]): string[] => layer.map((p) => p.replace(/^\/nix\/store\/[0-9a-z]{32}-/, '')).sort();

before(async () => {
  requireTools('nix-build', 'nix-store');
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-known-layers-'));
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('a build reuses a layer set already in the bucket, and a rebuild reproduces its own digest', async () => {
  const alone = path.join(work, 'alone');
  const shared = path.join(work, 'shared');
  const aloneBuild = await build('shell/hello', alone, 4);
  const aloneLayers = (await storeLayers(alone, aloneBuild.digest)).map(names);
  assert.ok(
    aloneLayers.some((layer) => layer.length === 1 && layer[0] === 'busybox'),
    `alone, busybox has a layer of its own: ${JSON.stringify(aloneLayers)}`,
  );

  const hello = await build('hello', shared, 1);
  const helloLayers = await storeLayers(shared, hello.digest);
  assert.deepEqual(helloLayers.map(names), [['busybox', 'hello-2.12']]);
  await cp(shared, path.join(work, 'shared-before'), { recursive: true });

  const reused = await build('shell/hello', shared, 4);
  const reusedLayers = await storeLayers(shared, reused.digest);
  assert.ok(
    reusedLayers.some((layer) => names(layer).join() === 'busybox,hello-2.12'),
    `hello's layer is reused as it is: ${JSON.stringify(reusedLayers.map(names))}`,
  );
  assert.ok(reusedLayers.length <= 4, 'within the budget');
  assert.deepEqual(reusedLayers.flat().sort(), (await storeLayers(alone, aloneBuild.digest)).flat().sort(), 'same paths');
  assert.notEqual(reused.digest, aloneBuild.digest);
  assert.ok(reused.cachedLayers >= 1, 'the reused layer is not packed again');

  // Its only new state is its own image: the rebuild is the same image and writes nothing.
  const snapshot = await treeSnapshot(shared);
  const again = await build('shell/hello', shared, 4);
  assert.equal(again.digest, reused.digest);
  assert.equal(again.uploadedBytes, 0);
  assert.deepEqual(await treeSnapshot(shared), snapshot);

  // The same inputs and the same bucket state give the same bytes.
  const copy = await build('shell/hello', path.join(work, 'shared-before'), 4);
  assert.equal(copy.digest, reused.digest);
});

test('nixery layers --known reuses a set that fits and rejects a bad file by name', async () => {
  const store = (name: string): string => `/nix/store/${name.padStart(32, '0')}-${name}`;
  const [app, lib, libc, tool] = ['app', 'lib', 'libc', 'tool'].map(store) as [string, string, string, string];
  const graph = {
    roots: [app, tool],
    paths: {
      [app]: { narSize: 1000, references: [lib] },
      [lib]: { narSize: 50000, references: [libc] },
      [libc]: { narSize: 20000, references: [] },
      [tool]: { narSize: 700, references: [libc] },
    },
  };
  const knownFile = path.join(work, 'known.json');
  await writeFile(knownFile, JSON.stringify({ layers: [[libc, lib], ['/nix/store/00000000000000000000000000000000-other']] }));
  const result = await runCliChecked(['layers', '--budget', '3', '--known', knownFile], { input: JSON.stringify(graph) });
  const { layers } = JSON.parse(result.stdout) as { layers: string[][] };
  assert.ok(layers.length <= 3);
  assert.ok(
    layers.some((layer) => layer.join() === [lib, libc].sort().join()),
    result.stdout,
  );
  assert.deepEqual(layers.flat().sort(), Object.keys(graph.paths).sort());

  await writeFile(knownFile, JSON.stringify({ layers: [[libc], []] }));
  const bad = await runCli(['layers', '--known', knownFile], { input: JSON.stringify(graph) });
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /--known .*known\.json: known layers\[1\] is empty/);
  const missing = await runCli(['layers', '--known', path.join(work, 'nope.json')], { input: JSON.stringify(graph) });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--known .*nope\.json: no such file/);
});
