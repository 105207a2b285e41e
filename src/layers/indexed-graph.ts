// The closure graph as numbers: paths indexed in sorted order, references in flat typed arrays, and a
// topological order. Whole-graph passes over it cost no string hashing.

/** The closure graph with paths numbered (in sorted order) and references in flat arrays. */
export interface IndexedGraph {
  /** Every path, sorted: path i is paths[i]. */
  paths: readonly string[];
  index: Map<string, number>;
  /** References of path i: targets[offsets[i]] .. targets[offsets[i + 1] - 1]. */
  offsets: Int32Array;
  targets: Int32Array;
  /** Referrers before their references; null when the graph has a cycle (never from Nix). */
  order: Int32Array | null;
}

export function indexGraph(paths: readonly string[], references: ReadonlyMap<string, readonly string[]>): IndexedGraph {
  const index = new Map(paths.map((path, i) => [path, i]));
  const offsets = new Int32Array(paths.length + 1);
  paths.forEach((path, i) => {
    offsets[i + 1] = offsets[i]! + references.get(path)!.length;
  });
  const targets = new Int32Array(offsets[paths.length]!);
  paths.forEach((path, i) => {
    references.get(path)!.forEach((ref, k) => {
      targets[offsets[i]! + k] = index.get(ref)!;
    });
  });
  return { paths, index, offsets, targets, order: topologicalOrder(offsets, targets) };
}

/** Referrers before their references (Kahn); null when the graph has a cycle. */
function topologicalOrder(offsets: Int32Array, targets: Int32Array): Int32Array | null {
  const n = offsets.length - 1;
  const referrers = new Int32Array(n);
  for (const target of targets) referrers[target]!++;
  const order = new Int32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) if (referrers[v] === 0) order[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const v = order[head]!;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) if (--referrers[targets[e]!]! === 0) order[tail++] = targets[e]!;
  }
  return tail === n ? order : null;
}
