import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { constants as zlibConstants, gunzipSync, gzipSync, zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { compressLayer } from '../../src/archive/compress.ts';
import { BLOCK_BYTES, compressBlockAsync, compressBlockSync, ZSTD_LEVEL } from '../../src/archive/block-codec.ts';
import { zstdFrame } from '../../src/archive/zstd-one-pass.ts';

// One layer compressed on several threads must be the very same bytes as on one: digests may not depend on the
// machine's core count. The real tools (gzip, zstd) read every result back.
for (const tool of ['gzip', 'zstd']) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`parallel compression tests need "${tool}" on PATH (apt-get install -y gzip zstd)`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'parallel-compress-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Compressible text whose 20 KiB phrase book repeats: a block that could not see the one before would lose matches. */
function repetitiveText(bytes: number): Buffer {
  const words: string[] = [];
  let seed = createHash('sha256').update('words').digest();
  while (words.join(' ').length < 20 * 1024) {
    words.push(seed.toString('hex').slice(0, 3 + (seed[0]! % 9)));
    seed = createHash('sha256').update(seed).digest();
  }
  const phrase = Buffer.from(words.join(' ') + '\n');
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += phrase.length) phrase.copy(out, i);
  return out;
}

/** Random bytes from a fixed seed: incompressible, so deflate stores raw blocks. */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let block = createHash('sha256').update('noise').digest();
  for (let i = 0; i < bytes; i += block.length) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** `data` as a stream cut into pieces of `chunk` bytes. */
function chunked(data: Buffer, chunk: number): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunk) pieces.push(data.subarray(i, i + chunk));
  return Readable.from(pieces, { objectMode: false });
}

// Several blocks of each compression, with an incompressible stretch in between.
const INPUT = Buffer.concat([repetitiveText(2 * BLOCK_BYTES.zstd + 12345), noise(BLOCK_BYTES.gzip), repetitiveText(BLOCK_BYTES.gzip)]);

describe('compression on several threads', () => {
  for (const compression of ['gzip', 'zstd'] as const) {
    test(`${compression}: 1 and 3 threads, and any cutting of the input, give the same bytes`, async () => {
      const one = join(work, `one.${compression}`);
      const three = join(work, `three.${compression}`);
      const recut = join(work, `recut.${compression}`);
      const a = await compressLayer(chunked(INPUT, 64 * 1024), compression, one, { threads: 1 });
      const b = await compressLayer(chunked(INPUT, 64 * 1024), compression, three, { threads: 3 });
      const c = await compressLayer(chunked(INPUT, 7777), compression, recut, { threads: 2 });
      assert.deepEqual(b, a);
      assert.deepEqual(c, a);
      assert.ok(readFileSync(one).equals(readFileSync(three)));
      assert.ok(readFileSync(one).equals(readFileSync(recut)));
      const back = compression === 'gzip' ? gunzipSync(readFileSync(one)) : zstdDecompressSync(readFileSync(one));
      assert.ok(back.equals(INPUT));
      // The command-line tools accept it too (gzip -t checks the CRC32 and length trailer; zstd -t the checksum).
      execFileSync(compression, ['-t', one]);
    });
  }

  test('gzip blocks are primed with the input before them, so the ratio is that of one deflate stream', async () => {
    const text = repetitiveText(8 * BLOCK_BYTES.gzip);
    const dest = join(work, 'ratio.gz');
    const result = await compressLayer(chunked(text, 64 * 1024), 'gzip', dest, { threads: 2 });
    const whole = gzipSync(text, { level: 6 }).length;
    assert.ok(result.size < whole * 1.01, `blocked gzip is ${result.size} bytes, one stream ${whole}`);
  });

  for (const compression of ['gzip', 'zstd'] as const) {
    test(`${compression}: a block compressed on libuv's threadpool (no thread script) is the same bytes as on a thread`, async () => {
      const input = INPUT.subarray(0, BLOCK_BYTES[compression] + 1000);
      for (const [dictionaryBytes, last] of [
        [0, false],
        [1000, true],
      ] as const) {
        const job = { compression, input, dictionaryBytes, last };
        assert.ok((await compressBlockAsync(job)).equals(compressBlockSync(job)), `dictionary ${dictionaryBytes}, last ${last}`);
      }
    });
  }

  test("zstd frames made in the kept output buffer are zstdCompressSync's bytes, each the caller's own", () => {
    const params = { [zlibConstants.ZSTD_c_compressionLevel]: ZSTD_LEVEL, [zlibConstants.ZSTD_c_checksumFlag]: 1 };
    const inputs = [INPUT.subarray(0, 100_000), INPUT.subarray(5, BLOCK_BYTES.zstd), noise(300_000), Buffer.alloc(0)];
    const frames = inputs.map((data) => zstdFrame(data, params, 2 * data.length + 1024));
    // Compared only after all were made: a later frame must not have overwritten an earlier one.
    for (const [i, data] of inputs.entries()) {
      assert.ok(frames[i]!.equals(zstdCompressSync(data, { chunkSize: 2 * data.length + 1024, params })), `input ${i}`);
      assert.equal(frames[i]!.byteOffset, 0);
      assert.equal(frames[i]!.buffer.byteLength, frames[i]!.length, 'a buffer of its own, to move to another thread');
    }
  });

  test('a zstd block is compressed in one pass, as with an output buffer of twice its size', () => {
    const input = INPUT.subarray(0, BLOCK_BYTES.zstd);
    const onePass = zstdCompressSync(input, {
      chunkSize: 2 * input.length,
      params: { [zlibConstants.ZSTD_c_compressionLevel]: ZSTD_LEVEL, [zlibConstants.ZSTD_c_checksumFlag]: 1 },
    });
    assert.ok(compressBlockSync({ compression: 'zstd', input, dictionaryBytes: 0, last: true }).equals(onePass));
  });

  for (const compression of ['gzip', 'zstd'] as const) {
    for (const [what, data] of [
      ['an empty input', Buffer.alloc(0)],
      ['one byte', Buffer.from('x')],
      ['exactly two blocks', repetitiveText(2 * BLOCK_BYTES[compression])],
    ] as const) {
      test(`${compression} of ${what} is a valid ${compression} stream holding it`, async () => {
        const dest = join(work, `edge.${compression}`);
        const result = await compressLayer(chunked(data, 50_000), compression, dest, { threads: 2 });
        assert.equal(result.uncompressedSize, data.length);
        const blob = readFileSync(dest);
        assert.ok((compression === 'gzip' ? gunzipSync(blob) : zstdDecompressSync(blob)).equals(data));
        assert.equal(execFileSync(compression, ['-dc', dest], { maxBuffer: 1 << 26 }).length, data.length);
      });
    }
  }
});
