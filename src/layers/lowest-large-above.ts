// The cut of the paths that no published image holds, when there are published images (known.ts): each path is
// grouped with the paths that have the same lowest large paths above it. The largest paths are taken one by one,
// largest first, as long as the groups fit the budget; a path's key is the set of those taken paths whose closure
// holds it and that lie above no other such path (a taken path's own key is itself). So a new library lands with
// the one program that uses it, two programs' shared libraries form a layer of their own, and what only a large
// path uses goes with that path: an image to come that holds the program holds that layer whole. nixpkgs' "auto"
// layering (streamLayeredImage) groups paths the same way. Measured against plan.ts's cut for new paths in
// docs/layering-rounds.md ("New paths grouped by the large paths above them"); without published images
// plan.ts's cut is better (the same bench, "nixpkgs auto-layer" against "ours").
import type { IndexedGraph } from './indexed-graph.ts';

/**
 * Groups of path numbers, at most `budget`; one group if even the largest path alone would exceed it.
 * Deterministic: paths are taken by size, larger first, then by number.
 */
export function cutByLowestLargeAbove(indexed: IndexedGraph, sizes: ArrayLike<number>, budget: number): number[][] {
  const n = indexed.paths.length;
  const bySize = Array.from({ length: n }, (_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const keys = new Keys(n);
  /** Per taken path (by the order taken): its strict closure, as bits over the paths. */
  const below: Uint32Array[] = [];
  for (const path of bySize) {
    const taken = below.length;
    const closure = strictClosure(indexed, path);
    below.push(closure);
    const undo: number[] = [path, keys.of(path)];
    keys.set(path, keys.intern(Int32Array.of(taken)));
    // Every path with the same key gets the same new key: work it out once per key.
    const renamed = new Map<number, number>();
    for (let w = 0; w < closure.length; w++) {
      for (let word = closure[w]!; word !== 0; word &= word - 1) {
        const d = (w << 5) + (31 - Math.clz32(word & -word));
        const old = keys.of(d);
        let next = renamed.get(old);
        if (next === undefined) {
          // Taken paths above this one are no longer the lowest above d; this one is, unless one below it is.
          const list = keys.list(old).filter((t) => !hasBit(below[t]!, path));
          next = keys.intern(list.some((t) => hasBit(closure, bySize[t]!)) ? list : Int32Array.from([...list, taken]));
          renamed.set(old, next);
        }
        if (next === old) continue;
        undo.push(d, old);
        keys.set(d, next);
      }
    }
    if (keys.distinct() > budget) {
      for (let i = undo.length - 2; i >= 0; i -= 2) keys.set(undo[i]!, undo[i + 1]!);
      break;
    }
  }
  return keys.groups();
}

/** Each path's key (a list of taken paths, by the order taken), interned as a number, and how many paths hold each. */
class Keys {
  private readonly keyOf: Int32Array;
  private readonly lists: Int32Array[] = [];
  private readonly ids = new Map<string, number>();
  private readonly counts: number[] = [];
  private nonEmpty = 0;

  constructor(n: number) {
    this.keyOf = new Int32Array(n).fill(this.intern(new Int32Array(0)));
    this.add(0, n);
  }

  intern(list: Int32Array): number {
    const text = list.join();
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.lists.length;
      this.ids.set(text, id);
      this.lists.push(list);
      this.counts.push(0);
    }
    return id;
  }

  list(id: number): Int32Array {
    return this.lists[id]!;
  }

  of(path: number): number {
    return this.keyOf[path]!;
  }

  set(path: number, id: number): void {
    this.add(this.keyOf[path]!, -1);
    this.keyOf[path] = id;
    this.add(id, 1);
  }

  distinct(): number {
    return this.nonEmpty;
  }

  /** The paths of each key, in the order of each key's first path. */
  groups(): number[][] {
    const byKey = new Map<number, number[]>();
    this.keyOf.forEach((id, path) => {
      const group = byKey.get(id);
      if (group) group.push(path);
      else byKey.set(id, [path]);
    });
    return [...byKey.values()];
  }

  private add(id: number, delta: number): void {
    const before = this.counts[id]!;
    this.counts[id] = before + delta;
    if (before === 0 && delta > 0) this.nonEmpty++;
    else if (before + delta === 0 && before > 0) this.nonEmpty--;
  }
}

/** The paths `start`'s closure holds besides itself (a cycle through it does not count it), as bits. */
function strictClosure(indexed: IndexedGraph, start: number): Uint32Array {
  const { offsets, targets } = indexed;
  const bits = new Uint32Array(Math.ceil(indexed.paths.length / 32));
  const todo = [start];
  while (todo.length > 0) {
    const v = todo.pop()!;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const t = targets[e]!;
      if (t === start || hasBit(bits, t)) continue;
      bits[t >>> 5]! |= 1 << (t & 31);
      todo.push(t);
    }
  }
  return bits;
}

function hasBit(bits: Uint32Array, i: number): boolean {
  return (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}
