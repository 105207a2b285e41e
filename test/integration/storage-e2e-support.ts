import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { StorageBackend } from '../../src/storage/backend.ts';
import { ImageStore } from '../../src/storage/image-store.ts';
import { blobKey } from '../../src/storage/layout.ts';
import { EXAMPLE_PACKAGES, runCliChecked } from './support/cli.ts';
import { runChecked } from './support/run.ts';

// Shared by the object-store end-to-end and fault tests: build with the real CLI (support/serve.ts serves),
// pull with skopeo, and check a whole bucket blob by blob.

export interface BuildResult {
  ref: string;
  digest: string;
  layers: number;
  uploadedBytes: number;
  skippedBytes: number;
  uploadSeconds: number;
}

export async function buildInto(bucket: string, names: string[], tag: string, env: NodeJS.ProcessEnv): Promise<BuildResult[]> {
  const result = await runCliChecked(['build', ...names, '--pkgs-path', EXAMPLE_PACKAGES, '--out', bucket, '--tag', tag, '--json'], {
    env,
  });
  return (JSON.parse(result.stdout) as { images: BuildResult[] }).images;
}

/** skopeo copy from the registry into a local OCI layout, then every blob there is hashed against its digest. */
export async function pullAndVerify(port: number, ref: string, layoutDir: string): Promise<string> {
  const [name, tag] = ref.split(':') as [string, string];
  await runChecked('skopeo', [
    'copy',
    '--src-tls-verify=false',
    `docker://127.0.0.1:${port}/${ref}`,
    `oci:${layoutDir}:${name.replaceAll('/', '-')}-${tag}`,
  ]);
  const index = JSON.parse(await readFile(path.join(layoutDir, 'index.json'), 'utf8')) as {
    manifests: Array<{ digest: string; annotations?: Record<string, string> }>;
  };
  const entry = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === `${name.replaceAll('/', '-')}-${tag}`);
  assert.ok(entry, `skopeo wrote ${ref} into ${layoutDir}`);
  const blob = (digest: string) => readFile(path.join(layoutDir, 'blobs', 'sha256', digest.slice('sha256:'.length)));
  const manifestBytes = await blob(entry.digest);
  assert.equal(sha256(manifestBytes), entry.digest, 'manifest hashes to its digest');
  const manifest = JSON.parse(manifestBytes.toString()) as {
    config: { digest: string; size: number };
    layers: Array<{ digest: string; size: number }>;
  };
  for (const part of [manifest.config, ...manifest.layers]) {
    const bytes = await blob(part.digest);
    assert.equal(bytes.length, part.size, `${part.digest} size`);
    assert.equal(sha256(bytes), part.digest, `${part.digest} hashes to its digest`);
  }
  return entry.digest;
}

/**
 * Every object under blobs/ hashes to its key (nothing partial under a final key), and every tag points at a
 * manifest whose config and layers are all present with their sizes. Returns the tagged refs.
 */
export async function verifyBucket(storage: StorageBackend): Promise<string[]> {
  for (const key of await storage.list('blobs/')) {
    const bytes = await storage.readBytes(key);
    assert.ok(bytes, key);
    assert.equal(sha256(bytes).slice('sha256:'.length), key.split('/').pop(), `${storage.location}/${key} is whole and hashes to its key`);
  }
  const store = new ImageStore(storage);
  const refs: string[] = [];
  for (const image of await store.listTaggedImages()) {
    const manifestBytes = await storage.readBytes(blobKey(image.manifest.digest));
    assert.ok(manifestBytes, `manifest of ${image.name}:${image.tag} is present`);
    const manifest = JSON.parse(manifestBytes.toString()) as {
      config: { digest: string; size: number };
      layers: Array<{ digest: string; size: number }>;
    };
    for (const part of [manifest.config, ...manifest.layers]) {
      assert.equal((await storage.stat(blobKey(part.digest)))?.size, part.size, `${part.digest} of ${image.name}:${image.tag}`);
    }
    refs.push(`${image.name}:${image.tag}`);
  }
  return refs.sort();
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
