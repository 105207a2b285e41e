// Planning with the images already published (in the bucket, on the nodes): a layer is fetched again only when
// its exact set of paths is new, so the plan reuses published layers that fit and cuts the rest along the lines
// that earlier images make likely to recur.
//
// Policy (each rule measured in docs/benchmarks.md, Layering):
//  - Reuse: a published layer whose paths are all in the closure is taken as it is; among overlapping ones the
//    larger (bytes) first, then fewer paths, then by their paths.
//  - Co-occurrence: every other path is grouped with the paths that appear in exactly the same known images
//    (its signature): such paths have always come together, so a layer of them is likely to recur whole in the
//    next image that holds any of them.
//  - Updates: a path no known image holds takes the signature of a known path of the same package name (Nix
//    names are <name>-<version>; a new version, or a rebuild with a new hash, keeps the name) that this closure
//    no longer holds (of several, the one most images hold): the new openssl joins the group the old one was
//    in, in every image, and those images get the same new layer. Paths with no such predecessor are grouped
//    by today's cut (plan.ts).
//  - Budget: spare layers go to the largest paths of the new groups, one path each (a single-path layer is
//    identical in every image that holds the path); when there are too many layers, the smallest are merged
//    into one, a reused layer counting double (merging it makes its bytes new again).
//  - Never worse today: if a node holding the known images would fetch more bytes for this plan than for
//    today's cut, today's cut is used (on the 60-image bench this changes almost nothing; it is a guarantee).
// Cost: one pass over the known images' paths, a sort of the fitting layers, one greedy pass. The old drift rule
// is gone: groups follow where paths occur rather than how an earlier image happened to be cut, so reusing
// more does not fragment later images.
import type { ClosureGraph } from '../nix/closure.ts';
import { parseDrvName, storePathName } from '../nix/store-path.ts';
import { compareStrings } from '../compare.ts';

/** An image already published: its layers, each a set of store paths. */
export type KnownImage = readonly (readonly string[])[];

/** Weight of a reused layer against a new one when choosing what to merge: merging it fetches its bytes again. */
const REUSED_WEIGHT = 2;

interface Unit {
  paths: string[];
  /** A published layer taken as it is. */
  reused: boolean;
}

/**
 * The layers of the image given the known images (unordered): reused layers, co-occurrence groups and single
 * paths, at most `budget`. `fresh` is today's cut of the whole image, used to group paths nothing is known about.
 */
export function cutWithKnown(graph: ClosureGraph, budget: number, known: readonly KnownImage[], fresh: string[][]): string[][] {
  const closure = new Set(Object.keys(graph.paths));
  const inClosure = (path: string): boolean => closure.has(path);
  const narSize = (path: string): number => graph.paths[path]!.narSize;
  const bytesOf = (paths: readonly string[]): number => paths.reduce((sum, path) => sum + narSize(path), 0);

  const { units, fitting } = reusedLayers(known, inClosure, bytesOf);
  const taken = new Set(units.flatMap((unit) => unit.paths));
  const signature = signatures(closure, known);
  const freshLayerOf = new Map<string, number>();
  fresh.forEach((layer, i) => {
    for (const path of layer) freshLayerOf.set(path, i);
  });
  const groups = new Map<string, string[]>();
  for (const path of Object.keys(graph.paths).sort()) {
    if (taken.has(path)) continue;
    const sig = signature.get(path);
    const key = sig === undefined ? `today ${freshLayerOf.get(path)!}` : `known ${sig}`;
    const group = groups.get(key);
    if (group) group.push(path);
    else groups.set(key, [path]);
  }
  for (const key of [...groups.keys()].sort(compareStrings)) units.push({ paths: groups.get(key)!, reused: false });

  const split = splitLargest(units, budget, narSize);
  const layers = mergeSmallest(split, budget, bytesOf).map((unit) => unit.paths);
  // Never worse today than not knowing: the bytes of layers a node holding the known images lacks.
  const toFetch = (plan: string[][]): number => plan.reduce((sum, layer) => sum + (fitting.has(layerKey(layer)) ? 0 : bytesOf(layer)), 0);
  return toFetch(layers) <= toFetch(fresh) ? layers : fresh;
}

/** A layer's identity: its distinct paths, sorted. */
function layerKey(layer: readonly string[]): string {
  return [...new Set(layer)].sort().join('\n');
}

/**
 * Published layers that fit the closure (`fitting`, by layerKey) and those reused, disjoint: larger first, then
 * fewer paths, then by their paths.
 */
function reusedLayers(
  known: readonly KnownImage[],
  inClosure: (path: string) => boolean,
  bytesOf: (paths: readonly string[]) => number,
): { units: Unit[]; fitting: Set<string> } {
  const fitting = new Map<string, { paths: string[]; bytes: number }>();
  for (const image of known) {
    for (const layer of image) {
      if (layer.length === 0 || !layer.every(inClosure)) continue;
      const key = layerKey(layer);
      const paths = key.split('\n');
      if (!fitting.has(key)) fitting.set(key, { paths, bytes: bytesOf(paths) });
    }
  }
  const ordered = [...fitting.entries()].sort(
    ([keyA, a], [keyB, b]) => b.bytes - a.bytes || a.paths.length - b.paths.length || compareStrings(keyA, keyB),
  );
  const taken = new Set<string>();
  const units: Unit[] = [];
  for (const [, { paths }] of ordered) {
    if (paths.some((path) => taken.has(path))) continue;
    for (const path of paths) taken.add(path);
    units.push({ paths, reused: true });
  }
  return { units, fitting: new Set(fitting.keys()) };
}

/**
 * Each closure path's signature: the known images that hold it (numbered in the order of their paths, so the
 * order `known` comes in does not matter), or for a path no image holds, the signature of its predecessor (see
 * the policy above). Paths with neither are left out.
 */
function signatures(closure: ReadonlySet<string>, known: readonly KnownImage[]): Map<string, string> {
  const inClosure = (path: string): boolean => closure.has(path);
  const held = new Set<string>();
  for (const image of known) for (const layer of image) for (const path of layer) if (inClosure(path)) held.add(path);
  // Package names of the paths no image holds: only known paths of those names need a signature of their own.
  const wanted = new Set([...closure].filter((path) => !held.has(path)).map(packageKey));
  const keys = new Map<string, string>();
  const isWanted = (path: string): boolean => {
    if (wanted.size === 0) return false;
    let name = keys.get(path);
    if (name === undefined) {
      name = packageKey(path);
      keys.set(path, name);
    }
    return wanted.has(name);
  };
  // Each image by the paths that can tell something (in the closure, or of a wanted name); images alike in those
  // count once, which changes no grouping.
  const images = new Map<string, string[]>();
  for (const image of known) {
    const relevant = new Set<string>();
    for (const layer of image) for (const path of layer) if (inClosure(path) || isWanted(path)) relevant.add(path);
    if (relevant.size === 0) continue;
    const paths = [...relevant].sort();
    images.set(paths.join('\n'), paths);
  }

  const signature = new Map<string, string>();
  const predecessors = new Map<string, Set<string>>();
  [...images.keys()].sort(compareStrings).forEach((key, id) => {
    for (const path of images.get(key)!) {
      if (!inClosure(path)) {
        const name = keys.get(path)!;
        const paths = predecessors.get(name);
        if (paths) paths.add(path);
        else predecessors.set(name, new Set([path]));
      }
      signature.set(path, signature.has(path) ? `${signature.get(path)},${id}` : String(id));
    }
  });
  for (const path of closure) {
    if (held.has(path)) continue;
    // Of several, the one most images hold (the version the fleet shares), then the first by path.
    const candidates = predecessors.get(packageKey(path));
    const imagesOf = (known: string): number => signature.get(known)!.split(',').length;
    const predecessor = candidates && [...candidates].sort((a, b) => imagesOf(b) - imagesOf(a) || compareStrings(a, b))[0];
    if (predecessor !== undefined) signature.set(path, signature.get(predecessor)!);
  }
  for (const path of [...signature.keys()]) if (!inClosure(path)) signature.delete(path);
  return signature;
}

/**
 * What stays the same across versions of one package output: the derivation name without its version, plus the
 * parts of the version that are words (the output: "openssl-3.0.13-bin" -> "openssl bin").
 */
function packageKey(path: string): string {
  const { name, version } = parseDrvName(storePathName(path));
  const words = version.split('-').filter((part) => /^[A-Za-z]/.test(part));
  return [name, ...words].join(' ');
}

/** While layers are left, the largest path of a new group with more than one path gets a layer of its own. */
function splitLargest(units: Unit[], budget: number, narSize: (path: string) => number): Unit[] {
  if (units.length >= budget) return units;
  const candidates = units
    .flatMap((unit, index) => (unit.reused || unit.paths.length < 2 ? [] : unit.paths.map((path) => ({ path, index }))))
    .sort((a, b) => narSize(b.path) - narSize(a.path) || compareStrings(a.path, b.path));
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
  const weight = (unit: Unit): number => bytesOf(unit.paths) * (unit.reused ? REUSED_WEIGHT : 1);
  const ordered = units
    .map((unit) => ({ unit, weight: weight(unit), bytes: bytesOf(unit.paths) }))
    .sort((a, b) => b.weight - a.weight || b.bytes - a.bytes || compareStrings(a.unit.paths[0]!, b.unit.paths[0]!))
    .map((entry) => entry.unit);
  const merged = ordered.slice(budget - 1).flatMap((unit) => unit.paths);
  return [...ordered.slice(0, budget - 1), { paths: merged, reused: false }];
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
