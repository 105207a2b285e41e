// Reuse of layer sets that are already published (in the bucket, on the nodes): a layer is fetched again
// only when its exact set of paths is new, so an image made partly of known sets costs a node only the rest.
//
// Policy (each rule measured in docs/benchmarks.md, Layering):
//  - A known set is a candidate when every one of its paths is in the closure.
//  - Candidates are taken greedily, each disjoint from those already taken, in this order: the known sets
//    that today's cut of this image makes anyway (so images keep converging on the same cut), then sets
//    that lie inside one layer of today's cut (they refine it without reshaping it), then by bytes saved,
//    largest first; ties by fewer paths, then by the paths themselves.
//  - Never more than the budget: a candidate is taken only while one layer stays free for the rest, and at
//    most a quarter of the budget (at least one) goes to sets that are not layers of today's cut (more would
//    fragment the image).
//  - The rest is what is left of each layer of today's cut; when that is more layers than remain, the
//    largest keep their own layer and the smallest share one.
//  - Drift: the result is costed against today's cut of the whole image (bytes of layers that are not
//    known) and kept only when it saves at least a quarter of those bytes. Reusing sets that save little
//    leaves an image cut unlike today's planner would cut it, and later images then match it less: without
//    this rule the 60-image fleet at budget 20 cost 2.8x its lower bound instead of 1.7x.
// Cost: one pass over the known sets' paths to find candidates, a sort of the candidates, one greedy pass.
import type { ClosureGraph } from '../nix/closure.ts';
import { compareStrings } from '../compare.ts';

/** The reuse is kept only when its new bytes are at most this share of today's cut's. */
const MOST_NEW_BYTES_SHARE = 3 / 4;
/** Share of the budget that sets other than today's layers may take. */
const FOREIGN_SHARE = 1 / 4;

interface Candidate {
  paths: string[];
  bytes: number;
  /** A layer of today's cut of this image. */
  isFresh: boolean;
  /** Inside one layer of today's cut. */
  isPiece: boolean;
}

/**
 * The layers of the image given the known sets: reused sets plus the rest of `fresh` (today's cut of the
 * whole image, a valid plan within `budget`), or `fresh` itself when reuse saves too little. Unordered.
 */
export function reuseKnownLayers(
  graph: ClosureGraph,
  budget: number,
  known: readonly (readonly string[])[],
  fresh: string[][],
): string[][] {
  const bytesOf = (layer: readonly string[]): number => layer.reduce((sum, path) => sum + graph.paths[path]!.narSize, 0);
  const freshKeys = new Set(fresh.map(layerKey));
  const freshLayerOf = new Map<string, number>();
  fresh.forEach((layer, i) => {
    for (const path of layer) freshLayerOf.set(path, i);
  });

  const candidates = new Map<string, Candidate>();
  for (const set of known) {
    if (set.length === 0 || !set.every((path) => Object.hasOwn(graph.paths, path))) continue;
    const paths = [...new Set(set)].sort();
    const key = paths.join('\n');
    if (candidates.has(key)) continue;
    const firstLayer = freshLayerOf.get(paths[0]!);
    const isPiece = paths.every((path) => freshLayerOf.get(path) === firstLayer);
    candidates.set(key, { paths, bytes: bytesOf(paths), isFresh: freshKeys.has(key), isPiece });
  }
  if (candidates.size === 0) return fresh;
  const ordered = [...candidates.entries()]
    .sort(
      ([keyA, a], [keyB, b]) =>
        Number(b.isFresh) - Number(a.isFresh) ||
        Number(b.isPiece) - Number(a.isPiece) ||
        b.bytes - a.bytes ||
        a.paths.length - b.paths.length ||
        compareStrings(keyA, keyB),
    )
    .map(([, candidate]) => candidate);

  const total = Object.keys(graph.paths).length;
  const mostForeign = Math.max(1, Math.floor(budget * FOREIGN_SHARE));
  const taken = new Set<string>();
  const reused: string[][] = [];
  let foreign = 0;
  for (const candidate of ordered) {
    if (taken.size === total) break;
    if (!candidate.isFresh && foreign >= mostForeign) continue;
    if (candidate.paths.some((path) => taken.has(path))) continue;
    const left = total - taken.size - candidate.paths.length;
    if (reused.length + 1 + (left > 0 ? 1 : 0) > budget) continue;
    for (const path of candidate.paths) taken.add(path);
    reused.push(candidate.paths);
    if (!candidate.isFresh) foreign++;
  }
  const withReuse = [...reused, ...restOfFresh(fresh, taken, budget - reused.length, bytesOf)];

  const newBytes = (layers: string[][]): number =>
    layers.reduce((sum, layer) => sum + (candidates.has(layerKey(layer)) ? 0 : bytesOf(layer)), 0);
  return newBytes(withReuse) <= MOST_NEW_BYTES_SHARE * newBytes(fresh) ? withReuse : fresh;
}

/**
 * An earlier plan of exactly this closure within the budget, taken as it is (same layers, same order): a rebuild
 * whose only new state is its own earlier image reproduces it byte for byte, and its layers cost nothing. Among
 * several, the one with the fewest layers, then the first by its paths; null when there is none.
 */
export function earlierPlanOf(graph: ClosureGraph, budget: number, plans: readonly (readonly (readonly string[])[])[]): string[][] | null {
  const total = Object.keys(graph.paths).length;
  const covers = (plan: readonly (readonly string[])[]): boolean => {
    if (plan.length === 0 || plan.length > budget) return false;
    const seen = new Set<string>();
    for (const layer of plan) {
      for (const path of layer) {
        if (!Object.hasOwn(graph.paths, path) || seen.has(path)) return false;
        seen.add(path);
      }
    }
    return seen.size === total;
  };
  const sameClosure = plans.filter(covers).map((plan) => plan.map((layer) => [...layer]));
  const key = (plan: string[][]): string => plan.map((layer) => layer.join(' ')).join('\n');
  sameClosure.sort((a, b) => a.length - b.length || compareStrings(key(a), key(b)));
  return sameClosure[0] ?? null;
}

/**
 * The paths no reused set holds, cut along today's layers (what is left of each), so images that reuse the
 * same sets get the same new layers. When that is more layers than `budget`, the smallest share one.
 */
function restOfFresh(fresh: string[][], taken: Set<string>, budget: number, bytesOf: (layer: string[]) => number): string[][] {
  const rest = fresh.map((layer) => layer.filter((path) => !taken.has(path))).filter((layer) => layer.length > 0);
  if (rest.length <= budget) return rest;
  const bySize = rest
    .map((layer) => ({ layer, bytes: bytesOf(layer) }))
    .sort((a, b) => b.bytes - a.bytes || compareStrings(a.layer[0]!, b.layer[0]!));
  return [...bySize.slice(0, budget - 1).map((r) => r.layer), bySize.slice(budget - 1).flatMap((r) => r.layer)];
}

/** A layer's identity: its sorted paths. */
function layerKey(layer: readonly string[]): string {
  return [...layer].sort().join('\n');
}
