// Splits an image's closure into layers so that different images, and the same image after a
// package update, end up with byte-identical layers as often as possible.
//
// Layers are the unit of download and cache, and a layer is only reused when its exact set of
// paths recurs. So the plan gives each layer a content that follows from the paths themselves:
//  1. The largest paths get a layer of their own: a single-path layer is identical in every image
//     that holds the path, and it is re-fetched only when that path itself changes. These are the
//     only layers that never duplicate bytes across images, so they get every layer the groups leave.
//  2. The other ("small") paths are grouped by where they sit in the graph, not by image:
//     - the base tier (at most BASE_TIER_HEIGHT references above a leaf: libc, zlib, openssl and
//       their kin) forms one group that recurs across images and survives updates above it;
//     - every other small path joins the group of the first root, largest closure first, whose
//       closure holds it, so a root's group is the same wherever that root appears and a change
//       to a leaf package re-fetches only its own root's group;
//     - only the first few roots get a group each (see maxGroups); the remaining roots share one.
//       Measured on a 60-image fleet (docs/benchmarks.md, Layering): each extra group costs one
//       single-path layer, and at small budgets that single saves more bytes than the group does.
// The number of single-path layers is the budget minus the number of groups.
import type { ClosureGraph } from '../nix/closure.ts';
import { compareStrings } from '../compare.ts';
import { cutWithKnown } from './known.ts';
import type { KnownImage } from './known-image.ts';
import { indexGraph } from './indexed-graph.ts';
import type { IndexedGraph } from './indexed-graph.ts';
import { largestClosures } from './largest-closures.ts';
import { cutByLowestLargeAbove } from './lowest-large-above.ts';

/** Heights 0..3 above a leaf hold the low-level libraries that nearly every closure shares. */
const BASE_TIER_HEIGHT = 3;

const BASE_GROUP = -1;
const UNOWNED = -2;

/** Groups of small paths allowed: one per 10 layers of budget, and never fewer than base + one root + the rest. */
function maxGroups(budget: number): number {
  return Math.max(3, Math.floor(budget / 10) + 1);
}

/**
 * Pure: closure graph + layer budget (+ layer sets already published) -> ordered layers (first layer
 * first). Every path lands in exactly one layer; no empty layers; at most `budget` layers; each layer's
 * paths sorted; deterministic, independent of object key order and of the order of `known`.
 * With known sets, see known.ts for which of them are reused and how the rest is cut (not as below).
 */
export function planLayers(graph: ClosureGraph, budget: number, known: readonly KnownImage[] = []): string[][] {
  if (!Number.isSafeInteger(budget) || budget < 1) {
    throw new Error(`layer budget must be a whole number of at least 1, got ${String(budget)}`);
  }
  const shape = graphShape(graph);
  const layers =
    known.length === 0
      ? cutLayers(shape, shape.paths, budget)
      : cutWithKnown(graph, shape.indexed, budget, known, newPathsCut(shape, budget));
  return orderLayers(shape, layers);
}

/**
 * With known images, the cut that groups the paths they do not hold: by the lowest large paths above each path
 * (see lowest-large-above.ts; measured against today's cut in docs/layering-rounds.md).
 */
function newPathsCut(shape: GraphShape, budget: number): string[][] {
  const { paths } = shape.indexed;
  const sizes = Float64Array.from(paths, (path) => shape.graph.paths[path]!.narSize);
  return cutByLowestLargeAbove(shape.indexed, sizes, budget).map((group) => group.map((id) => paths[id]!));
}

/** What the cut needs to know about the whole closure, computed once per plan. */
interface GraphShape {
  graph: ClosureGraph;
  /** Every path, sorted. */
  paths: string[];
  references: Map<string, string[]>;
  indexed: IndexedGraph;
  height: Map<string, number>;
  /** Group owners per number of root groups (see groupOwners). */
  owners: Map<number, Map<string, number>>;
}

function graphShape(graph: ClosureGraph): GraphShape {
  const paths = Object.keys(graph.paths).sort();
  const references = referencesOf(graph, paths);
  const indexed = indexGraph(paths, references);
  return { graph, paths, references, indexed, height: heights(indexed, references), owners: new Map() };
}

/** Low-level layers first: by the highest path in the layer, then by first path. Each layer's paths sorted. */
function orderLayers(shape: GraphShape, layers: string[][]): string[][] {
  const { index, paths } = shape.indexed;
  const ordered = layers.map((layer) => {
    // Paths are numbered in sorted order: sorting the numbers sorts the paths.
    const ids = Int32Array.from(layer, (path) => index.get(path)!).sort();
    let order = 0;
    for (const id of ids) order = Math.max(order, shape.height.get(paths[id]!)!);
    return { paths: Array.from(ids, (id) => paths[id]!), order };
  });
  return ordered.sort((a, b) => a.order - b.order || compareStrings(a.paths[0]!, b.paths[0]!)).map((layer) => layer.paths);
}

/**
 * Today's cut of `subset` (sorted paths of the closure) into at most `budget` layers. Heights and groups come
 * from the whole closure, so a path lands in the same group whether the whole image or only a rest is cut.
 */
function cutLayers(shape: GraphShape, subset: string[], budget: number): string[][] {
  if (subset.length <= budget) return subset.map((path) => [path]);
  const { graph } = shape;
  const rootGroups = maxGroups(budget) - 2;
  let owner = shape.owners.get(rootGroups);
  if (!owner) {
    owner = groupOwners(graph, shape, rootGroups);
    shape.owners.set(rootGroups, owner);
  }
  const ownerOf = owner;
  const bySize = subset
    .map((path) => ({ path, size: graph.paths[path]!.narSize }))
    .sort((a, b) => b.size - a.size || compareStrings(a.path, b.path))
    .map((entry) => entry.path);

  // Start with every path in its group, then give the largest paths their own layers while the
  // budget allows: each one taken out adds a layer, unless it was the last of its group.
  const groupCount = new Map<number, number>();
  for (const path of subset) groupCount.set(ownerOf.get(path)!, (groupCount.get(ownerOf.get(path)!) ?? 0) + 1);
  let layerCount = groupCount.size;
  let singles = 0;
  while (singles < bySize.length) {
    const path = bySize[singles]!;
    const remaining = groupCount.get(ownerOf.get(path)!)!;
    const next = remaining === 1 ? layerCount : layerCount + 1;
    if (next > budget) break;
    groupCount.set(ownerOf.get(path)!, remaining - 1);
    layerCount = next;
    singles++;
  }

  const single = new Set(bySize.slice(0, singles));
  const groups = new Map<number, string[]>();
  for (const path of subset) {
    if (single.has(path)) continue;
    const id = ownerOf.get(path)!;
    const group = groups.get(id);
    if (group) group.push(path);
    else groups.set(id, [path]);
  }
  // Only a budget smaller than the number of groups gets here with too many layers: fold the
  // trailing groups (the roots with the smallest closures) into one.
  const groupList = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, members]) => members);
  const keep = Math.max(0, budget - single.size - 1);
  const fitted = groupList.length + single.size > budget ? [...groupList.slice(0, keep), groupList.slice(keep).flat()] : groupList;
  return [...[...single].map((path) => [path]), ...fitted.filter((group) => group.length > 0)];
}

/** Deduplicated references without self-references; throws on a reference to a missing path. */
function referencesOf(graph: ClosureGraph, paths: string[]): Map<string, string[]> {
  const references = new Map<string, string[]>();
  for (const path of paths) {
    const refs: string[] = [];
    for (const ref of graph.paths[path]!.references) {
      if (ref === path) continue;
      if (!Object.hasOwn(graph.paths, ref)) {
        throw new Error(`${path} refers to ${ref}, which is not in the closure graph's paths; pass the whole closure`);
      }
      refs.push(ref);
    }
    refs.sort();
    references.set(
      path,
      refs.filter((ref, i) => i === 0 || ref !== refs[i - 1]),
    );
  }
  return references;
}

/** Longest reference chain from each path down to a leaf; a property of the path's own closure. */
function heights(indexed: IndexedGraph, references: Map<string, string[]>): Map<string, number> {
  const { paths, order, offsets, targets } = indexed;
  if (order) {
    // References before referrers: each path's height from its references', in one pass.
    const byIndex = new Int32Array(paths.length);
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i]!;
      let h = 0;
      for (let e = offsets[v]!; e < offsets[v + 1]!; e++) h = Math.max(h, byIndex[targets[e]!]! + 1);
      byIndex[v] = h;
    }
    return new Map(paths.map((path, i) => [path, byIndex[i]!]));
  }
  const height = new Map<string, number>();
  const onStack = new Set<string>();
  for (const start of paths) {
    if (height.has(start)) continue;
    const stack: { path: string; next: number }[] = [{ path: start, next: 0 }];
    onStack.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const refs = references.get(top.path)!;
      if (top.next < refs.length) {
        const ref = refs[top.next++]!;
        // Nix closures are acyclic; should a cycle slip in, its back edge is simply not counted.
        if (!height.has(ref) && !onStack.has(ref)) {
          onStack.add(ref);
          stack.push({ path: ref, next: 0 });
        }
        continue;
      }
      let h = 0;
      for (const ref of refs) if (height.has(ref)) h = Math.max(h, height.get(ref)! + 1);
      height.set(top.path, h);
      onStack.delete(top.path);
      stack.pop();
    }
  }
  return height;
}

/**
 * Group of each path: BASE_GROUP for the base tier, else the rank of the first root (largest
 * closure first) whose closure holds it, with every rank from `rootGroups` on sharing one group.
 * Paths nothing refers to count as roots too, so every path has an owner even if `graph.roots`
 * is incomplete.
 */
function groupOwners(graph: ClosureGraph, shape: GraphShape, rootGroups: number): Map<string, number> {
  const { paths, height } = shape;
  const { index, offsets, targets } = shape.indexed;
  const referenced = new Uint8Array(paths.length);
  for (const target of targets) referenced[target] = 1;
  const roots = new Set(graph.roots.filter((root) => Object.hasOwn(graph.paths, root)));
  paths.forEach((path, i) => {
    if (!referenced[i]) roots.add(path);
  });

  // By path number; UNOWNED until a walk or the base tier claims it.
  const owner = new Int32Array(paths.length).fill(UNOWNED);
  paths.forEach((path, i) => {
    if (height.get(path)! <= BASE_TIER_HEIGHT) owner[i] = BASE_GROUP;
  });
  const owned = (path: string): boolean => owner[index.get(path)!] !== UNOWNED;
  const walk = (root: string, group: number): void => {
    const todo = [index.get(root)!];
    owner[todo[0]!] = group;
    while (todo.length > 0) {
      const v = todo.pop()!;
      for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
        if (owner[targets[e]!] !== UNOWNED) continue;
        owner[targets[e]!] = group;
        todo.push(targets[e]!);
      }
    }
  };
  // Base-tier roots are owned from the start. A root that another path refers to lies in a larger root's
  // closure and is owned by the time its turn comes, so it never takes a rank; asking for that many more
  // than the ranks to hand out is enough (and keeps a hand-written graph with a cycle as it was).
  const candidates = [...roots].filter((root) => !owned(root)).sort();
  const referencedRoots = candidates.filter((root) => referenced[index.get(root)!]).length;
  let rank = 0;
  for (const root of largestClosures(candidates, rootGroups + referencedRoots, shape.indexed, height)) {
    // A path already owned lies in an earlier root's closure, and so does everything below it,
    // except base-tier paths, which are owned from the start: the walk can stop there.
    if (rank === rootGroups) break;
    if (!owned(root)) walk(root, rank++);
  }
  // Every other root shares the last group, whatever their order.
  for (const root of candidates) if (!owned(root)) walk(root, rootGroups);
  // A path left unowned (only in a hand-written graph with a cycle that nothing outside it refers to) has no group.
  const byPath = new Map<string, number>();
  paths.forEach((path, i) => {
    if (owner[i] !== UNOWNED) byPath.set(path, owner[i]!);
  });
  return byPath;
}
