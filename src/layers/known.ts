// Planning with the images already published (in the bucket, on the nodes): a layer is fetched again only when
// its exact set of paths is new, so the plan reuses published layers that fit and cuts the rest along the lines
// that earlier images make likely to recur.
//
// Policy (current figures in docs/benchmarks.md, Layering; each rule measured in docs/layering-rounds.md):
//  - Reuse: a published layer whose paths are all in the closure is taken as it is; among overlapping ones the
//    larger (bytes) first, then fewer paths, then by their paths.
//  - Co-occurrence: every other path is grouped with the paths that appear in exactly the same known images
//    (its signature): such paths have always come together, so a layer of them is likely to recur whole in the
//    next image that holds any of them.
//  - Large groups: a group with more bytes than a layer's share of the closure (closure bytes / budget) is split
//    along the fresh cut of the whole image (by the lowest large paths above, see below): its paths that known
//    images hold by their group in that cut, its new paths together. Such a group (e.g. the 60-odd libraries
//    every image with ffmpeg holds) would otherwise be one layer fetched again whenever any of its paths changes;
//    smaller groups stay whole, as a split of them costs more in merges and in layers taken from the largest
//    paths than it saves (docs/layering-rounds.md, "Closure-membership signatures").
//  - Updates: a path no known image holds takes the signature of a known path of the same package name (Nix
//    names are <name>-<version>; a new version, or a rebuild with a new hash, keeps the name) that this closure
//    no longer holds (of several, the one most images hold): the new openssl joins the group the old one was
//    in, in every image, and those images get the same new layer. Paths with no such predecessor are grouped
//    by the lowest large paths above them (lowest-large-above.ts): a new library goes with the program that uses
//    it, which the images to come that hold the program will hold whole.
//  - Budget: spare layers go to the largest paths of the new groups, one path each (a single-path layer is
//    identical in every image that holds the path); when there are too many layers, pairs are merged by the
//    bytes the merge is expected to make nodes fetch again under updates and other images' cuts
//    (merge-by-refetch.ts). Very many units for a large closure are first cut down by merging the smallest
//    into one (a reused layer counting double), which bounds the pair work.
//  - Never worse today: if a node holding the known images would fetch more bytes for this plan than for
//    that cut of the whole image, the cut is used (on the 60-image bench it never is; it is a guarantee).
//  - Nor worse than its own earlier plan: when the closure is an update of a known image (each of that image's
//    paths is in the closure or has its one successor of the same package there, one to one), that image's plan
//    with the new versions in place of the old is a plan too. After an update, reuse takes the larger of
//    overlapping published layers, and a layer another image published can break several of this image's own
//    untouched layers apart; the earlier plan refetches only the layers the update touched. It is taken when a
//    node fetches no more bytes for it now and the merges' model (merge-by-refetch.ts, planRefetch) expects fewer
//    bytes fetched again later; without the model's half, an old cut that fits later changes worse is kept
//    (measured: docs/layering-rounds.md, "Updates at budget 20").
// Cost: one pass over the known images' paths, a sort of the fitting layers, one greedy pass, and a pass over the
// known images with as many paths as the closure (for an update, its earlier image). The old drift rule
// is gone: groups follow where paths occur rather than how an earlier image happened to be cut, so reusing
// more does not fragment later images.
import type { ClosureGraph } from '../nix/closure.ts';
import { compareStrings } from '../compare.ts';
import { compareIdLists, IdListMap, sortedDistinct } from './id-lists.ts';
import type { IndexedGraph } from './indexed-graph.ts';
import type { KnownImage } from './known-image.ts';
import { mergeByRefetch, pairwiseLimit, planRefetch } from './merge-by-refetch.ts';
import type { Unit } from './merge-by-refetch.ts';
import { signatures } from './signatures.ts';
import { successorPlans } from './successor-plans.ts';

/** Weight of a reused layer against a new one when choosing what to merge: merging it fetches its bytes again. */
const REUSED_WEIGHT = 2;

/**
 * The layers of the image given the known images (unordered): reused layers, co-occurrence groups and single
 * paths, at most `budget` (or an earlier plan carried over, see the policy). `fresh` is a cut of the whole image
 * made without the known images (by the lowest large paths above, plan.ts): it groups paths nothing is known about,
 * splits large groups, and is the "never worse today" reference.
 * Known paths are looked up once and then handled as numbers (`indexed`): large graphs with many large known
 * images plan in a fraction of a second (docs/benchmarks.md, Layering: planner speed).
 */
export function cutWithKnown(
  graph: ClosureGraph,
  indexed: IndexedGraph,
  budget: number,
  known: readonly KnownImage[],
  fresh: string[][],
): string[][] {
  const { paths, index } = indexed;
  const narSize = (path: string): number => graph.paths[path]!.narSize;
  const bytesOf = (paths: readonly string[]): number => paths.reduce((sum, path) => sum + narSize(path), 0);
  const sizes = Float64Array.from(paths, narSize);

  const numbered = known.map((image) => image.map((layer) => numberPaths(layer, index)));
  const { units, fitting } = reusedLayers(numbered, indexed, sizes);
  const taken = new Uint8Array(paths.length);
  for (const unit of units) for (const path of unit.paths) taken[index.get(path)!] = 1;
  const { imagesOf: heldBy, imageCount, held } = signatures(indexed, known, numbered);
  const freshLayerOf = new Int32Array(paths.length);
  fresh.forEach((layer, i) => {
    for (const path of layer) freshLayerOf[index.get(path)!] = i;
  });
  // Paths with the same signature (the same list of images), and those with none by their group in the fresh cut.
  const bySignature: { signature: Int32Array; paths: string[] }[] = [];
  const signatureGroups = new IdListMap<string[]>();
  const byFreshLayer = new Map<number, string[]>();
  for (let i = 0; i < paths.length; i++) {
    if (taken[i]) continue;
    const signature = heldBy[i];
    let group = signature ? signatureGroups.get(signature) : byFreshLayer.get(freshLayerOf[i]!);
    if (!group) {
      group = [];
      if (!signature) byFreshLayer.set(freshLayerOf[i]!, group);
      else {
        signatureGroups.add(signature, group);
        bySignature.push({ signature, paths: group });
      }
    }
    group.push(paths[i]!);
  }
  // Signature groups first, then the fresh cut's groups; each in the order of its key written out as text (its
  // image numbers, or its group number), so numbers compare as their digits.
  const asText = textOrder(Math.max(imageCount, fresh.length));
  const byText = (a: number, b: number): number => asText[a]! - asText[b]!;
  bySignature.sort((a, b) => compareIdLists(a.signature, b.signature, byText));
  const share = sizes.reduce((sum, size) => sum + size, 0) / budget;
  for (const group of bySignature) {
    if (bytesOf(group.paths) <= share) {
      units.push({ paths: group.paths, reused: false });
      continue;
    }
    // Along the fresh cut; the new paths (part -1) first, then by the fresh cut's group.
    const parts = new Map<number, string[]>();
    for (const path of group.paths) {
      const id = index.get(path)!;
      const part = held[id] ? freshLayerOf[id]! : -1;
      const members = parts.get(part);
      if (members) members.push(path);
      else parts.set(part, [path]);
    }
    for (const part of [...parts.keys()].sort((a, b) => a - b)) units.push({ paths: parts.get(part)!, reused: false });
  }
  for (const layer of [...byFreshLayer.keys()].sort(byText)) units.push({ paths: byFreshLayer.get(layer)!, reused: false });
  const split = splitLargest(units, budget, narSize);
  const none = new Int32Array(0);
  const imagesOf = (path: string): ArrayLike<number> => heldBy[index.get(path)!] ?? none;
  const bounded = mergeSmallest(split, pairwiseLimit(budget, paths.length), bytesOf);
  const merged = mergeByRefetch(bounded, budget, indexed, narSize, imagesOf, imageCount) ?? mergeSmallest(bounded, budget, bytesOf);
  const layers = merged.map((unit) => unit.paths);
  // Never worse today than the fresh cut: the bytes of layers a node holding the known images lacks.
  const isFitting = (layer: string[]): boolean => fitting.get(sortedDistinct(layer.map((path) => index.get(path)!))) !== undefined;
  const toFetch = (plan: string[][]): number => plan.reduce((sum, layer) => sum + (isFitting(layer) ? 0 : bytesOf(layer)), 0);
  const layersCost = toFetch(layers);
  const freshCost = toFetch(fresh);
  let best = layersCost <= freshCost ? layers : fresh;
  let bestCost = Math.min(layersCost, freshCost);
  // Nor worse than the plan of a known image this closure is an update of: taken when a node fetches no more for it
  // now and the merges' model expects fewer bytes fetched again later (of several, the first by its paths).
  let bestLater: number | null = null;
  for (const plan of successorPlans(indexed, budget, known, numbered)) {
    const cost = toFetch(plan);
    if (cost > bestCost) continue;
    bestLater ??= planRefetch(best, bestCost, indexed, narSize, imagesOf, imageCount);
    const later = planRefetch(plan, cost, indexed, narSize, imagesOf, imageCount);
    if (bestLater === null || later === null || later >= bestLater) continue;
    best = plan;
    bestCost = cost;
    bestLater = later;
  }
  return best;
}

/**
 * Published layers that fit the closure (`fitting`, keyed by their path numbers) and those reused, disjoint:
 * larger first, then fewer paths, then by their paths. `numbered`: the known images' paths as numbers, -1 for a
 * path outside the closure.
 */
function reusedLayers(
  numbered: readonly Int32Array[][],
  indexed: IndexedGraph,
  sizes: Float64Array,
): { units: Unit[]; fitting: IdListMap<true> } {
  const fitting = new IdListMap<true>();
  const candidates: { ids: Int32Array; bytes: number }[] = [];
  for (const image of numbered) {
    for (const layer of image) {
      if (layer.length === 0 || layer.includes(-1)) continue;
      const ids = sortedDistinct(layer);
      if (fitting.get(ids)) continue;
      fitting.add(ids, true);
      let bytes = 0;
      for (const id of ids) bytes += sizes[id]!;
      candidates.push({ ids, bytes });
    }
  }
  candidates.sort((a, b) => b.bytes - a.bytes || a.ids.length - b.ids.length || compareIdLists(a.ids, b.ids));
  const taken = new Uint8Array(indexed.paths.length);
  const units: Unit[] = [];
  for (const { ids } of candidates) {
    if (ids.some((id) => taken[id] === 1)) continue;
    for (const id of ids) taken[id] = 1;
    units.push({ paths: Array.from(ids, (id) => indexed.paths[id]!), reused: true });
  }
  return { units, fitting };
}

/** Each of the numbers 0 .. count-1 by its place when all are written out in digits and sorted as text. */
function textOrder(count: number): Int32Array {
  const numbers = Array.from({ length: count }, (_, i) => i).sort((a, b) => compareStrings(String(a), String(b)));
  const place = new Int32Array(count);
  numbers.forEach((number, i) => {
    place[number] = i;
  });
  return place;
}

/** The paths' numbers in the closure, -1 for a path outside it. */
function numberPaths(paths: readonly string[], index: ReadonlyMap<string, number>): Int32Array {
  const ids = new Int32Array(paths.length);
  for (let k = 0; k < paths.length; k++) ids[k] = index.get(paths[k]!) ?? -1;
  return ids;
}

/** While layers are left, the largest path of a new group with more than one path gets a layer of its own. */
function splitLargest(units: Unit[], budget: number, narSize: (path: string) => number): Unit[] {
  if (units.length >= budget) return units;
  const candidates = units
    .flatMap((unit, index) =>
      unit.reused || unit.paths.length < 2 ? [] : unit.paths.map((path) => ({ path, index, size: narSize(path) })),
    )
    .sort((a, b) => b.size - a.size || compareStrings(a.path, b.path));
  const left = units.map((unit) => unit.paths.length);
  const singles = new Set<string>();
  let count = units.length;
  for (const { path, index } of candidates) {
    if (count >= budget) break;
    if (left[index] === 1) continue; // the last path of its group already has a layer of its own
    left[index]!--;
    singles.add(path);
    count++;
  }
  const rest = units.map((unit) => (unit.reused ? unit : { ...unit, paths: unit.paths.filter((path) => !singles.has(path)) }));
  return [...rest, ...[...singles].map((path) => ({ paths: [path], reused: false }))];
}

/** When there are more than `budget` units, the smallest (reused ones weighing double) share one layer. */
function mergeSmallest(units: Unit[], budget: number, bytesOf: (paths: readonly string[]) => number): Unit[] {
  if (units.length <= budget) return units;
  const entries = units.map((unit) => {
    const bytes = bytesOf(unit.paths);
    return { unit, weight: bytes * (unit.reused ? REUSED_WEIGHT : 1), bytes };
  });
  const heavier = (a: (typeof entries)[number], b: (typeof entries)[number]): number =>
    b.weight - a.weight || b.bytes - a.bytes || compareStrings(a.unit.paths[0]!, b.unit.paths[0]!);
  // Only the budget - 1 heaviest keep a layer of their own: those at or above the weight of the last of them are
  // ordered, not all (tens of thousands of units for a large closure with many known images).
  const weights = Float64Array.from(entries, (entry) => entry.weight).sort();
  const threshold = budget > 1 ? weights[weights.length - (budget - 1)]! : Number.POSITIVE_INFINITY;
  const kept = entries
    .filter((entry) => entry.weight >= threshold)
    .sort(heavier)
    .slice(0, budget - 1);
  const keptUnits = new Set(kept.map((entry) => entry.unit));
  const rest = entries.filter((entry) => !keptUnits.has(entry.unit));
  // The merged paths start with the heaviest of the rest's (as when all were ordered: its first path breaks ties).
  const first = rest.reduce((best, entry) => (heavier(entry, best) < 0 ? entry : best));
  const merged = [...first.unit.paths, ...rest.filter((entry) => entry !== first).flatMap((entry) => entry.unit.paths)];
  return [...kept.map((entry) => entry.unit), { paths: merged, reused: false }];
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
