// The fixed-size buffers a layer's tar is written into (tar-writer.ts). Packing runs at GB/s, so a fresh buffer per
// chunk would be a steady stream of garbage for the collector; whoever has finished with a chunk (the blob writer,
// once it has hashed and written it) hands it back here for the next one.

/** Bytes per chunk: a multiple of the tar block size (512), so a header never straddles two chunks. */
export const CHUNK_BYTES = 1024 * 1024;
/** Chunks a layer's blob writer may hold before the packer waits for it (blob-writer.ts). */
export const WRITER_CHUNKS_IN_FLIGHT = 8;
// Spare chunks kept for reuse: what two layers packed at once (one per core here) hold in flight and in hand. With
// fewer, chunks came back faster than they were taken, were dropped and then allocated anew: 313 fresh chunks for a
// 1.7 GB closure against 20, each costing page faults and lingering as garbage until the next collection.
const MAX_SPARE = 3 * WRITER_CHUNKS_IN_FLIGHT;

const spare: Uint8Array[] = [];
/** Memory nothing but its one holder refers to: only it may be given away to another thread (see isOwnedMemory). */
const owned = new WeakSet<ArrayBufferLike>();

/** An empty chunk of CHUNK_BYTES with its own memory (never a slice of node's shared pool). */
export function takeChunk(): Buffer {
  const memory = spare.pop() ?? new Uint8Array(CHUNK_BYTES);
  owned.add(memory.buffer);
  return Buffer.from(memory.buffer, 0, CHUNK_BYTES);
}

/** Hands a chunk's memory back; its holder must not touch it afterwards. Other memory is ignored. */
export function recycleChunk(memory: ArrayBufferLike): void {
  if (memory.byteLength === CHUNK_BYTES && spare.length < MAX_SPARE && !(memory instanceof SharedArrayBuffer)) {
    spare.push(new Uint8Array(memory));
  }
}

/** Records that `memory` is referred to by its one holder only (a compressed block come back from its thread). */
export function ownMemory(memory: ArrayBufferLike): void {
  owned.add(memory);
}

/**
 * Whether `bytes` lies in memory that nothing else refers to once it has been handed on (a chunk of this pool, or
 * memory recorded by ownMemory), so it can move to another thread instead of being copied.
 */
export function isOwnedMemory(bytes: Uint8Array): boolean {
  return owned.has(bytes.buffer);
}
