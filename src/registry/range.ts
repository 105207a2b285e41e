import type { ByteRange } from '../storage/backend.ts';

// RFC 9110 byte ranges for blob GETs. Only one range per request is served: clients resuming or splitting a
// layer download ask for one, and multipart/byteranges responses would complicate digest checks for no gain.

export type RangeRequest =
  /** No usable Range header (absent, another unit, malformed or several ranges): the server sends everything. */
  | { kind: 'whole' }
  | { kind: 'partial'; range: ByteRange }
  /** Well-formed but outside the object: 416. */
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;
/** Digits beyond this could lose precision as numbers; no blob is that large. */
const MAX_DIGITS = 15;

/** Interprets a Range header against an object of `size` bytes. Malformed headers are ignored, as RFC 9110 asks. */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.trim().replace(/\s+/g, ''));
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if ((first === '' && last === '') || first.length > MAX_DIGITS || last.length > MAX_DIGITS) return { kind: 'whole' };

  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - length), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? Infinity : Number(last);
  if (end < start) return { kind: 'whole' }; // invalid, so ignored
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', range: { start, end: Math.min(end, size - 1) } };
}

export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}
