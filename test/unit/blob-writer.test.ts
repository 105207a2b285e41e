import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openBlobWriter } from '../../src/archive/blob-writer.ts';
import { CHUNK_BYTES, isOwnedMemory, takeChunk } from '../../src/archive/chunk-pool.ts';

// The blob writer hashes and writes a layer's bytes on its own thread (or on the caller's): the file must hold the
// blob bytes in order, and the sums must be those of the bytes given, whether they moved to the thread or were copied.
const work = mkdtempSync(join(tmpdir(), 'blob-writer-'));
after(() => rmSync(work, { recursive: true, force: true }));

const sha256 = (data: Uint8Array) => 'sha256:' + createHash('sha256').update(data).digest('hex');

/** A pool chunk (moves to the thread) filled with a pattern, as the tar writer hands them on. */
function chunk(seed: number): Buffer {
  const bytes = takeChunk();
  for (let i = 0; i < bytes.length; i += 4096) bytes.fill((seed + i / 4096) & 0xff, i, i + 4096);
  return bytes;
}

for (const onThread of [true, false]) {
  describe(onThread ? 'on its thread' : 'on the calling thread', () => {
    test('writes the blob bytes in order and sums blob and tar apart', async () => {
      const path = join(work, `blob-${onThread}`);
      const writer = openBlobWriter(path, { onThread });
      const expectedBlob: Buffer[] = [];
      const expectedTar: Buffer[] = [];
      // 40 MiB of pool chunks: more than the writer keeps in flight, so it has to make the caller wait.
      for (let i = 0; i < 40; i++) {
        const bytes = chunk(i);
        expectedBlob.push(Buffer.from(bytes));
        assert.equal(isOwnedMemory(bytes), true);
        await writer.blob(bytes);
      }
      const copied = Buffer.from('bytes of a caller that keeps them: copied, not taken');
      expectedBlob.push(Buffer.from(copied));
      await writer.blob(copied);
      assert.equal(copied.toString(), 'bytes of a caller that keeps them: copied, not taken');
      const tar = chunk(99).subarray(0, 1000);
      expectedTar.push(Buffer.from(tar));
      await writer.tar(tar);
      const sums = await writer.close();

      const blob = Buffer.concat(expectedBlob);
      assert.deepEqual(readFileSync(path), blob);
      assert.deepEqual(sums.blob, { digest: sha256(blob), bytes: 40 * CHUNK_BYTES + copied.length });
      assert.deepEqual(sums.tar, { digest: sha256(Buffer.concat(expectedTar)), bytes: 1000 });
    });

    test('a file that cannot be opened fails the layer with its path', async () => {
      const path = join(work, 'no-such-dir', 'blob');
      const writer = openBlobWriter(path, { onThread });
      await assert.rejects(
        (async () => {
          for (let i = 0; i < 40; i++) await writer.blob(chunk(i));
          await writer.close();
        })(),
        /ENOENT.*no-such-dir/,
      );
      await writer.abandon();
      assert.equal(existsSync(path), false);
    });
  });
}
