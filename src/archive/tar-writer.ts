// Writes tar entries of store paths straight into pooled chunks (chunk-pool.ts): headers are encoded in place and
// file contents are read from disk into the chunk, with no per-entry stream, promise or buffer. This is the common
// case of packing; tar.ts hands the rare entries that need a pax header (non-ASCII or over-long names, long link
// targets) to tar-stream, and the bytes written here are exactly the ones tar-stream writes for the same header
// (test/unit/tar-writer.test.ts compares them), so layer digests do not depend on which path wrote an entry.
import { readSync } from 'node:fs';
import { CHUNK_BYTES, takeChunk } from './chunk-pool.ts';

export const BLOCK = 512;

/** What a ustar header of ours holds; uid/gid 0, uname/gname root and mtime are the same for every entry. */
export interface UstarEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink';
  /** Permission bits; 0 stands for tar-stream's default (0755 for directories, 0644 otherwise). */
  mode: number;
  size: number;
  linkname?: string;
}

const TYPEFLAG = { file: 0x30, symlink: 0x32, directory: 0x35 } as const;

/** The fixed fields of every header: owner 0:0 named root, the given mtime, ustar magic, device 0:0. */
function headerTemplate(mtimeSeconds: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(octal(0, 6), 108, 'latin1'); // uid
  block.write(octal(0, 6), 116, 'latin1'); // gid
  block.write(octal(mtimeSeconds, 11), 136, 'latin1');
  block.write('ustar\u000000', 257, 'latin1'); // magic "ustar\0" and version "00"
  block.write('root', 265, 'latin1'); // uname
  block.write('root', 297, 'latin1'); // gname
  block.write(octal(0, 6), 329, 'latin1'); // devmajor
  block.write(octal(0, 6), 337, 'latin1'); // devminor
  return block;
}

function byteSum(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += bytes[i]!;
  return sum;
}

/** tar-stream's numeric field: zero-padded octal digits and a space (the field's last byte stays NUL). */
function octal(value: number, digits: number): string {
  return value.toString(8).padStart(digits, '0') + ' ';
}

/**
 * Splits a name into ustar's prefix and name fields as tar-stream does (cutting at the first slashes until the
 * name fits 100 bytes), or returns null when the name needs a pax header: non-ASCII, or too long to split.
 */
function splitName(full: string): { name: string; prefix: string } | null {
  if (Buffer.byteLength(full) !== full.length) return null;
  let name = full;
  let prefix = '';
  while (name.length > 100) {
    const i = name.indexOf('/');
    if (i === -1) return null;
    prefix += prefix ? '/' + name.slice(0, i) : name.slice(0, i);
    name = name.slice(i + 1);
  }
  return prefix.length > 155 ? null : { name, prefix };
}

/**
 * Chunks of tar output. Everything written is 512-byte aligned (a header, or content with its padding), and chunks
 * are a multiple of 512 bytes, so headers are encoded in place. Full chunks wait in `full` for the caller to take.
 */
export class TarWriter {
  private chunk: Buffer = takeChunk();
  private used = 0;
  private full: Buffer[] = [];
  private readonly template: Buffer;
  /** The template's part of every checksum: its bytes, with the checksum field itself counted as spaces. */
  private readonly templateSum: number;

  constructor(mtimeSeconds: number) {
    this.template = headerTemplate(mtimeSeconds);
    this.templateSum = byteSum(this.template, 0, 148) + 8 * 0x20 + byteSum(this.template, 156, BLOCK);
  }

  /** Writes a ustar header, or returns false (writing nothing) if the entry needs tar-stream's pax header. */
  header(entry: UstarEntry): boolean {
    const split = splitName(entry.name);
    const linkname = entry.linkname ?? '';
    if (split === null || Buffer.byteLength(linkname) > 100) return false;
    const block = this.room();
    const at = this.used;
    this.template.copy(block, at);
    block.write(split.name, at, 'latin1');
    const mode = entry.mode & 0o7777 || (entry.type === 'directory' ? 0o755 : 0o644);
    block.write(octal(mode, 6), at + 100, 'latin1');
    const size = entry.type === 'file' ? entry.size : 0;
    if (size.toString(8).length > 11) {
      // Over 8 GiB: GNU's base-256 size, as tar-stream writes it.
      block[at + 124] = 0x80;
      let rest = size;
      for (let i = 11; i > 0; i--) {
        block[at + 124 + i] = rest & 0xff;
        rest = Math.floor(rest / 0x100);
      }
    } else {
      block.write(octal(size, 11), at + 124, 'latin1');
    }
    block[at + 156] = TYPEFLAG[entry.type];
    const linkBytes = linkname ? block.write(linkname, at + 157, 'utf8') : 0;
    const prefixBytes = split.prefix ? block.write(split.prefix, at + 345, 'latin1') : 0;
    // The checksum is the sum of the header's bytes: the template's fixed fields once, then only the fields written
    // here, which are zero in the template (a few dozen bytes, not 512, per entry).
    const sum =
      this.templateSum +
      byteSum(block, at, at + split.name.length) +
      byteSum(block, at + 100, at + 108) + // mode
      byteSum(block, at + 124, at + 136) + // size
      byteSum(block, at + 156, at + 157 + linkBytes) + // type and link target
      byteSum(block, at + 345, at + 345 + prefixBytes);
    block.write(octal(sum, 6), at + 148, 'latin1');
    this.used += BLOCK;
    return true;
  }

  /**
   * Reads a file's content from `fd` into the output, up to the end of the current chunk, then stops so the caller
   * can hand on full chunks between calls; returns how many bytes are still to come, or -1 once the file is done.
   * Throws `changed()` when the file ends early or goes on past `size` (it changed since it was measured).
   */
  readContent(fd: number, left: number, changed: () => Error): number {
    const block = this.room();
    // One byte more than is left tells a file that grew from one exactly as long as expected; a regular file's read
    // returns less than asked only at its end, so a small file takes one read.
    const want = Math.min(left + 1, block.length - this.used);
    const bytesRead = readSync(fd, block, this.used, want, null);
    if (bytesRead > left || (bytesRead === 0 && left > 0)) throw changed();
    if (bytesRead === 0) return -1;
    this.used += bytesRead;
    const rest = left - bytesRead;
    return rest === 0 && bytesRead < want ? -1 : rest;
  }

  /** Reads a whole file of `size` bytes, then its padding. */
  readFile(fd: number, size: number, changed: () => Error): void {
    for (let left = size; left >= 0; ) left = this.readContent(fd, left, changed);
    this.pad(size);
  }

  /** Zeros after `size` bytes of content, up to the next 512-byte boundary. */
  pad(size: number): void {
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding === 0) return;
    // Content ends inside a block, so its padding lies in the same chunk.
    this.chunk.fill(0, this.used, this.used + padding);
    this.used += padding;
  }

  /** Copies bytes that are already tar (what tar-stream wrote for a rare entry). */
  write(bytes: Uint8Array): void {
    for (let offset = 0; offset < bytes.length; ) {
      const block = this.room();
      const take = Math.min(block.length - this.used, bytes.length - offset);
      block.set(bytes.subarray(offset, offset + take), this.used);
      this.used += take;
      offset += take;
    }
  }

  /** Whether full chunks wait to be taken. */
  hasFull(): boolean {
    return this.full.length > 0;
  }

  /** Full chunks written so far, now the caller's. */
  takeFull(): Buffer[] {
    const full = this.full;
    this.full = [];
    return full;
  }

  /** The last, partly filled chunk (or nothing), after all full ones were taken. */
  finish(): Buffer | null {
    const last = this.used > 0 ? this.chunk.subarray(0, this.used) : null;
    this.used = 0;
    return last;
  }

  /** The chunk being written, after moving on to a new one if it is full. */
  private room(): Buffer {
    if (this.used === CHUNK_BYTES) {
      this.full.push(this.chunk);
      this.chunk = takeChunk();
      this.used = 0;
    }
    return this.chunk;
  }
}
