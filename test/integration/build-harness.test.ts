import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeBusyboxLayout } from './support/busybox-image.ts';
import { createPodman } from './support/podman.ts';
import type { Podman } from './support/podman.ts';

// The e2e harness itself, checked with an image made by umoci, so a failure in build.test.ts points at
// our builder rather than at the test machinery.

let podman: Podman;
let work: string;

before(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'nixery-harness-'));
  podman = await createPodman();
});

after(async () => {
  await podman?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

test('an OCI layout copied into podman runs, and podman uses the private storage', async () => {
  const layout = path.join(work, 'layout');
  const ref = await makeBusyboxLayout(layout);
  const image = await podman.copyOciToPodman(layout, ref, 'harness/busybox:t1');
  assert.equal(image, 'localhost/harness/busybox:t1');

  assert.equal(await podman.podmanRun(image, ['/bin/busybox', 'echo', 'hi']), 'hi\n');
  // The ulimits from containers.conf reach the container.
  assert.equal((await podman.podmanRun(image, ['/bin/busybox', 'sh', '-c', 'ulimit -n'])).trim(), '1024');

  const images = await podman.podman(['images', '--format', '{{.Repository}}:{{.Tag}}']);
  assert.equal(images.code, 0, images.stderr);
  assert.deepEqual(images.stdout.trim().split('\n'), ['localhost/harness/busybox:t1']);
  const info = await podman.podman(['info', '--format', '{{.Store.GraphRoot}}']);
  assert.equal(info.stdout.trim(), path.join(podman.root, 'graph'));
});

test("podmanRun fails loudly with the container's stderr", async () => {
  const layout = path.join(work, 'layout2');
  const image = await podman.copyOciToPodman(layout, await makeBusyboxLayout(layout), 'harness/busybox:t2');
  await assert.rejects(podman.podmanRun(image, ['/bin/busybox', 'sh', '-c', 'echo boom >&2; exit 3']), /exited with 3[\s\S]*boom/);
});

test('cleanup removes the temp dir', async () => {
  const other = await createPodman({ driver: 'vfs' });
  assert.equal(other.driver, 'vfs');
  await other.cleanup();
  await assert.rejects(rm(other.root), { code: 'ENOENT' });
});
