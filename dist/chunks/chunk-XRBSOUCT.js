#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  parseImageConfig
} from "./chunk-4DWZHMQA.js";
import {
  ImageStore,
  isDescriptor
} from "./chunk-CE262DKV.js";
import {
  blobKey,
  isSha256Digest,
  layerCacheKey,
  manifestCacheKey,
  sha256Digest
} from "./chunk-6QJK6SSJ.js";

// src/targets/bucket.ts
var BucketTarget = class {
  store;
  constructor(store) {
    this.store = store;
  }
  consumesFiles = true;
  get location() {
    return this.store.storage.location;
  }
  // A target's existence check decides that a blob is reused rather than sent: it refreshes the blob's liveness mark.
  hasBlob(_name, blob) {
    return this.store.reuseBlob(blob.digest, blob.size);
  }
  stagingDir() {
    return this.store.storage.stagingDir();
  }
  putBlobFile(_name, blob, localPath) {
    return this.store.putBlobFile(blob, localPath);
  }
  putBlobBytes(_name, blob, bytes) {
    return this.store.putBlobBytes(blob, bytes);
  }
  // In a bucket a manifest is one more content-addressed blob; the tag objects make it an image.
  putManifest(_name, manifest, bytes) {
    return this.store.putManifest(manifest, bytes);
  }
  putReferrer(_name, subject, referrer, bytes) {
    return this.store.putReferrer(subject, referrer, bytes);
  }
  tag(name, tags, manifest, _bytes) {
    return this.store.tagAll(name, tags, manifest);
  }
};

// src/pipeline/cache.ts
import { createHash } from "node:crypto";
var IMAGE_FORMAT_VERSION = 4;
function layerCacheId(compression, content) {
  const subject = "storePaths" in content ? { storePaths: [...content.storePaths].sort() } : { entriesHash: content.entriesHash };
  return hashKey({ v: IMAGE_FORMAT_VERSION, compression, ...subject });
}
function manifestCacheId(input) {
  const { sourceId, arch, budget, compression, image } = input;
  const packages = [...input.packages].sort();
  return hashKey({ v: IMAGE_FORMAT_VERSION, sourceId, arch, packages, budget, compression, ...image ? { image } : {} });
}
var BuildCache = class {
  storage;
  /** The bucket itself: cached layers' blobs are read back from it for targets that lack them. */
  store;
  /** The last turn taken per layer-cache id, for `oneLayerAtATime`. */
  layerTurns = /* @__PURE__ */ new Map();
  constructor(storage) {
    this.storage = storage;
    this.store = new ImageStore(storage);
  }
  /**
   * Runs `work` for layer `id` once every earlier call for the same id (through this cache) has settled. Images built
   * side by side (an images file) then pack a layer they share once: the later one finds it in the cache.
   */
  async oneLayerAtATime(id, work) {
    const earlier = this.layerTurns.get(id);
    const turn = (earlier ?? Promise.resolve()).catch(() => {
    }).then(work);
    this.layerTurns.set(id, turn);
    try {
      return await turn;
    } finally {
      if (this.layerTurns.get(id) === turn) this.layerTurns.delete(id);
    }
  }
  async getLayer(id) {
    const entry = await this.readJson(layerCacheKey(id));
    return isCachedLayer(entry) ? entry : null;
  }
  async putLayer(id, layer) {
    await this.storage.writeBytes(layerCacheKey(id), Buffer.from(JSON.stringify(layer)), { contentType: "application/json" });
  }
  async getManifest(id) {
    const entry = await this.readJson(manifestCacheKey(id));
    if (!isDescriptor(entry)) return null;
    const { sbom, licenses, ...manifest } = entry;
    if (!isDescriptor(sbom)) return null;
    return { manifest, sbom, ...typeof licenses === "string" ? { licenses } : {} };
  }
  /**
   * Records a built image: its manifest, and what assembling it again with other metadata needs besides the blobs
   * the manifest names: its SBOM document and its licenses.
   */
  async putManifest(id, entry) {
    const record = { ...entry.manifest, sbom: entry.sbom, ...entry.licenses ? { licenses: entry.licenses } : {} };
    await this.storage.writeBytes(manifestCacheKey(id), Buffer.from(JSON.stringify(record)), { contentType: "application/json" });
  }
  /**
   * The content of the image a manifest-cache entry names, when its manifest, config and SBOM document (each of
   * which must hash to its digest) are in this bucket and `present` says the layers and the SBOM document are still
   * at the destination; otherwise null, and the image is built. The caller assembles it with its own metadata.
   */
  async findImage(id, present) {
    const entry = await this.getManifest(id);
    if (!entry) return null;
    const bytes = await this.readVerified(entry.manifest);
    const parsed = bytes ? parseJson(bytes) : null;
    if (!parsed || !isDescriptor(parsed.config) || !Array.isArray(parsed.layers) || !parsed.layers.every(isDescriptor)) return null;
    const configBytes = await this.readVerified(parsed.config);
    const config = configBytes ? parseImageConfig(configBytes) : null;
    const sbomBytes = await this.readVerified(entry.sbom);
    if (!config || !sbomBytes) return null;
    for (const blob of [...parsed.layers, entry.sbom]) if (!await present(blob)) return null;
    return {
      manifest: entry.manifest,
      content: {
        config,
        layers: parsed.layers,
        ...entry.licenses ? { licenses: entry.licenses } : {},
        sbom: { descriptor: entry.sbom, bytes: sbomBytes }
      }
    };
  }
  /** A small blob of this bucket whose bytes hash to its digest; null when missing or damaged. */
  async readVerified(blob) {
    const bytes = await this.storage.readBytes(blobKey(blob.digest));
    return bytes && sha256Digest(bytes) === blob.digest ? bytes : null;
  }
  /** A corrupt or foreign cache object is a miss, never an error: the cache only ever saves work. */
  async readJson(key) {
    const bytes = await this.storage.readBytes(key);
    return bytes ? parseJson(bytes) : null;
  }
};
function parseJson(bytes) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
}
function hashKey(value) {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}
function isCachedLayer(value) {
  const l = value;
  return typeof l === "object" && l !== null && isDescriptor(l.descriptor) && typeof l.diffId === "string" && isSha256Digest(l.diffId) && typeof l.uncompressedSize === "number";
}

export {
  BucketTarget,
  layerCacheId,
  manifestCacheId,
  BuildCache
};
