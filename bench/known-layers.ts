// What reading the bucket's known layer sets costs a build before planning (issue 17), by source:
//   ours:        index.json, then manifest + config of at most KNOWN_IMAGES_LIMIT images (src/pipeline/known-layers.ts);
//   every tag:   the tag objects listed and read one by one, then manifest + config of every image;
//   layer cache: cache/layers/ listed and every entry read (one object per layer; would also need the paths added).
// Synthetic images (30 store layers of 1-8 paths each) in s3rver, straight on loopback and behind a proxy that
// holds every request 20 ms (an object store seen from a CI runner). Run: node bench/known-layers.ts
import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import { STORE_PATHS_HISTORY_PREFIX } from '../src/oci/config.ts';
import { sha256Digest } from '../src/oci/digest.ts';
import { MediaType } from '../src/oci/media-types.ts';
import { KNOWN_IMAGES_LIMIT, readKnownImages } from '../src/pipeline/known-layers.ts';
import { DEFAULT_UPLOAD_PARALLELISM } from '../src/settings/build-settings.ts';
import type { StorageBackend } from '../src/storage/backend.ts';
import { ImageStore } from '../src/storage/image-store.ts';
import { blobKey, layerCacheKey, tagKey } from '../src/storage/layout.ts';
import { S3Storage } from '../src/storage/s3.ts';
import { startFlakyProxy } from '../test/integration/support/flaky-proxy.ts';
import { startS3Server } from '../test/integration/support/s3-server.ts';

const IMAGE_COUNTS = [16, 64, 256];
const LAYERS_PER_IMAGE = 30;
const LATENCY_MS = 20;
/** s3rver answers 500 to a listing past its first page of 1000 keys, so the layer cache is measured below that. */
const S3RVER_LIST_LIMIT = 1000;

const storePath = (): string => `/nix/store/${randomBytes(16).toString('hex')}-pkg`;

/** Writes `count` images (blobs, tag objects, layer-cache entries) and derives index.json once. */
async function fill(storage: StorageBackend, count: number): Promise<void> {
  const limit = pLimit(16);
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      limit(async () => {
        const layers = Array.from({ length: LAYERS_PER_IMAGE }, () => Array.from({ length: 1 + (i % 8) }, storePath));
        const config = Buffer.from(
          JSON.stringify({
            architecture: 'amd64',
            os: 'linux',
            history: layers.map((paths) => ({ created_by: STORE_PATHS_HISTORY_PREFIX + paths.join(' ') })),
          }),
        );
        const configDigest = sha256Digest(config);
        const manifest = Buffer.from(
          JSON.stringify({ config: { mediaType: MediaType.ociConfig, digest: configDigest, size: config.length }, layers: [] }),
        );
        const manifestDigest = sha256Digest(manifest);
        await storage.writeBytes(blobKey(configDigest), config);
        await storage.writeBytes(blobKey(manifestDigest), manifest);
        const record = { mediaType: MediaType.ociManifest, digest: manifestDigest, size: manifest.length };
        await storage.writeBytes(tagKey(`img${i}/tool`, 'v1'), Buffer.from(JSON.stringify(record)));
        for (const paths of count * LAYERS_PER_IMAGE <= S3RVER_LIST_LIMIT ? layers : []) {
          await storage.writeBytes(layerCacheKey(sha256Digest(Buffer.from(paths.join(' '))).slice(7)), Buffer.from('{}'));
        }
      }),
    ),
  );
  await new ImageStore(storage).repairIndex();
}

/** Counts reads and lists, so each source's request count is measured, not assumed. */
function counting(storage: StorageBackend): { storage: StorageBackend; requests: () => number } {
  let requests = 0;
  const counted = Object.create(storage) as StorageBackend;
  counted.readBytes = (key) => {
    requests++;
    return storage.readBytes(key);
  };
  counted.list = (prefix) => {
    requests++;
    return storage.list(prefix);
  };
  return { storage: counted, requests: () => requests };
}

const sources: Record<string, (storage: StorageBackend) => Promise<number>> = {
  ours: async (storage) => (await readKnownImages(new ImageStore(storage), 'img0/tool')).length,
  'every tag': async (storage) => {
    const store = new ImageStore(storage, { onWarning: () => {} });
    const images = await store.listTaggedImages();
    const limit = pLimit(DEFAULT_UPLOAD_PARALLELISM);
    await Promise.all(
      images.map((image) =>
        limit(async () => {
          const manifest = JSON.parse((await store.readBlob(image.manifest.digest))!.toString()) as { config: { digest: string } };
          await store.readBlob(manifest.config.digest);
        }),
      ),
    );
    return images.length;
  },
  'layer cache': async (storage) => {
    const keys = await storage.list('cache/layers/');
    const limit = pLimit(DEFAULT_UPLOAD_PARALLELISM);
    await Promise.all(keys.map((key) => limit(() => storage.readBytes(key))));
    return keys.length;
  },
};

const s3 = await startS3Server(['bench']);
Object.assign(process.env, s3.env);
const proxy = await startFlakyProxy({ target: s3.endpoint, latencyMs: LATENCY_MS });
const rows: string[][] = [];
try {
  for (const count of IMAGE_COUNTS) {
    await fill(new S3Storage({ bucket: 'bench', prefix: `n${count}`, endpoint: s3.endpoint }), count);
    for (const [network, endpoint] of [
      ['loopback', s3.endpoint],
      [`${LATENCY_MS} ms round trip`, `http://${proxy.host}`],
    ] as const) {
      for (const [name, read] of Object.entries(sources)) {
        if (name === 'layer cache' && count * LAYERS_PER_IMAGE > S3RVER_LIST_LIMIT) continue;
        const { storage, requests } = counting(new S3Storage({ bucket: 'bench', prefix: `n${count}`, endpoint }));
        const started = performance.now();
        const found = await read(storage);
        const seconds = (performance.now() - started) / 1000;
        rows.push([String(count), network, name, String(found), String(requests()), seconds.toFixed(2)]);
      }
    }
  }
} finally {
  await proxy.stop();
  await s3.stop();
}

const header = ['images in bucket', 'network', 'source', 'images/layers read', 'requests', 'seconds'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`Known layer sets from s3rver; ours reads at most ${KNOWN_IMAGES_LIMIT} images, ${LAYERS_PER_IMAGE} layers each.\n`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
