// Which roots have the largest closures, counted exactly, without one whole-graph walk per root.
//
// Counting every root's closure exactly is quadratic in general (no known algorithm does much better), but the
// planner only needs the first few roots in that order. So each root gets a cheap upper bound, roots are counted
// 32 at a time in one pass over the graph (one bit per root, propagated from referrers to references, tallied in
// bit-sliced counters), largest bound first, and counting stops as soon as no bound left can beat the roots found.
// Each batch is one pass over the typed arrays, with no string hashing: on the 50,000-path bench graphs (10k and
// 24k roots) that is 226-297 passes instead of as many whole-graph walks as roots (docs/benchmarks.md, Layering:
// planner speed). It stays quadratic / 32 at worst, for graphs whose roots all have bounds near the largest.
import { compareStrings } from '../compare.ts';
import type { IndexedGraph } from './indexed-graph.ts';

const BATCH = 32;

/**
 * Up to `count` of `candidates` (paths of the graph), those with the most paths in their closure (themselves
 * included), largest first, ties by path. `height` is the longest reference chain below each path.
 */
export function largestClosures(
  candidates: readonly string[],
  count: number,
  graph: IndexedGraph,
  height: ReadonlyMap<string, number>,
): string[] {
  const { paths, order } = graph;
  // A cycle never comes from Nix; a hand-written graph with one is counted root by root, as before.
  const sizeOf = order ? batchCounter(graph, order) : walkCounter(graph);
  const bound = order ? upperBounds(graph, order, paths, height) : null;
  const ids = candidates.map((path) => graph.index.get(path)!);
  const byBound = bound ? ids.sort((a, b) => bound[b]! - bound[a]! || compareStrings(paths[a]!, paths[b]!)) : ids;

  const best: { id: number; size: number }[] = [];
  const better = (a: { id: number; size: number }, b: { id: number; size: number }): boolean =>
    a.size > b.size || (a.size === b.size && compareStrings(paths[a.id]!, paths[b.id]!) < 0);
  for (let start = 0; start < byBound.length; start += BATCH) {
    // Bounds only shrink along byBound: once the last of the best beats the next bound, no later root can enter.
    if (bound && best.length === count && best[count - 1]!.size > bound[byBound[start]!]!) break;
    const batch = byBound.slice(start, start + BATCH);
    const sizes = sizeOf(batch);
    batch.forEach((id, j) => {
      const entry = { id, size: sizes[j]! };
      if (best.length === count && !better(entry, best[count - 1]!)) return;
      let at = best.length;
      while (at > 0 && better(entry, best[at - 1]!)) at--;
      best.splice(at, 0, entry);
      if (best.length > count) best.pop();
    });
  }
  return best.map((entry) => paths[entry.id]!);
}

/**
 * An upper bound of each path's closure size: at most itself plus its references' bounds, and at most itself plus
 * every path lower than it (a closure holds only lower paths).
 */
function upperBounds(
  { offsets, targets }: IndexedGraph,
  order: Int32Array,
  paths: readonly string[],
  height: ReadonlyMap<string, number>,
): Float64Array {
  const n = paths.length;
  const perHeight: number[] = [];
  for (const path of paths) {
    const h = height.get(path)!;
    perHeight[h] = (perHeight[h] ?? 0) + 1;
  }
  const lower: number[] = [];
  let below = 0;
  for (let h = 0; h < perHeight.length; h++) {
    lower[h] = below;
    below += perHeight[h] ?? 0;
  }
  const bound = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const v = order[i]!;
    let sum = 1;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) sum += bound[targets[e]!]!;
    bound[v] = Math.min(sum, 1 + lower[height.get(paths[v]!)!]!);
  }
  return bound;
}

/** Closure sizes of up to 32 paths in one pass over the graph in topological order. */
function batchCounter({ offsets, targets }: IndexedGraph, order: Int32Array): (batch: number[]) => number[] {
  const n = order.length;
  const mask = new Int32Array(n);
  const planes = new Int32Array(Math.max(1, Math.ceil(Math.log2(n + 1)) + 1));
  return (batch) => {
    mask.fill(0);
    planes.fill(0);
    batch.forEach((id, bit) => {
      mask[id]! |= 1 << bit;
    });
    for (let i = 0; i < n; i++) {
      const v = order[i]!;
      const m = mask[v]!;
      if (m === 0) continue;
      // Adds one to the counter of every bit set in m: a ripple-carry add over the bit planes.
      let carry = m;
      for (let p = 0; carry !== 0; p++) {
        const next = planes[p]! & carry;
        planes[p]! ^= carry;
        carry = next;
      }
      for (let e = offsets[v]!; e < offsets[v + 1]!; e++) mask[targets[e]!]! |= m;
    }
    return batch.map((_, bit) => {
      let size = 0;
      for (let p = 0; p < planes.length; p++) size += ((planes[p]! >>> bit) & 1) * 2 ** p;
      return size;
    });
  };
}

/** Closure sizes by one walk per path: for graphs with a cycle. */
function walkCounter({ offsets, targets }: IndexedGraph): (batch: number[]) => number[] {
  return (batch) =>
    batch.map((start) => {
      const seen = new Set([start]);
      const todo = [start];
      while (todo.length > 0) {
        const v = todo.pop()!;
        for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
          if (seen.has(targets[e]!)) continue;
          seen.add(targets[e]!);
          todo.push(targets[e]!);
        }
      }
      return seen.size;
    });
}
