// Sets of paths as lists of their numbers in an indexed graph (sorted, distinct): keys by content without joining
// path strings, and the order of the sorted paths joined. Paths are numbered in sorted order, so comparing two
// lists number by number orders them as their paths joined by '\n' would be (store paths hold no character below
// '\n').

/** The distinct numbers of `ids`, sorted. */
export function sortedDistinct(ids: ArrayLike<number>): Int32Array {
  const sorted = Int32Array.from(ids).sort();
  let length = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[length++] = sorted[i]!;
  return sorted.subarray(0, length);
}

/**
 * Orders lists as their paths joined: number by number (or by `compare`), a list before any longer list it begins.
 */
export function compareIdLists(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  compare: (x: number, y: number) => number = (x, y) => x - y,
): number {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) if (a[i] !== b[i]) return compare(a[i]!, b[i]!);
  return a.length - b.length;
}

/** A map keyed by a list's content (hashed, then compared exactly). */
export class IdListMap<T> {
  private readonly buckets = new Map<number, { list: ArrayLike<number>; value: T }[]>();

  get(list: ArrayLike<number>): T | undefined {
    const bucket = this.buckets.get(hash(list));
    if (bucket) for (const entry of bucket) if (compareIdLists(entry.list, list) === 0) return entry.value;
    return undefined;
  }

  /** Sets the value of a list not in the map yet. */
  add(list: ArrayLike<number>, value: T): void {
    const key = hash(list);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push({ list, value });
    else this.buckets.set(key, [{ list, value }]);
  }
}

/** FNV-1a over the numbers. */
function hash(list: ArrayLike<number>): number {
  let h = 0x811c9dc5 ^ list.length;
  for (let i = 0; i < list.length; i++) h = Math.imul(h ^ list[i]!, 0x01000193);
  return h >>> 0;
}
