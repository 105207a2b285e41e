// How long caches may keep an object: one fact for the metadata the bucket stores and the registry's responses.

/** Content-addressed objects (blobs, manifests by digest) never change once written. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Mutable bucket objects (tags, index.json, caches) must never be served from a store's cache. */
export const MUTABLE_CACHE_CONTROL = 'no-store';
