// Choosing which layers share one when an image has more candidate layers than its budget: merge, two at a time,
// the pair whose merging makes nodes fetch the fewest bytes again later.
//
// A layer is fetched again whenever any of its paths changes (or the image that holds it is cut differently), and
// then all of it is fetched, also the paths that did not change. Two kinds of events change a layer:
//  - an update of a path x changes exactly the paths whose closure holds x (Nix rebuilds every dependent), so a
//    layer changes on an update of any path in the union of its paths' closures;
//  - a known image that holds some of a layer's paths and not others cuts them apart, so it holds neither as a
//    layer of its own: the part it holds is fetched again.
// Merging A and B adds, per update of a path in closure(B) \ closure(A), A's bytes fetched needlessly (and the
// other way round), and per known image holding A and not B, A's bytes. Each update is taken as equally likely
// (1/n per path of the closure), each known image too (1/m); a published layer taken as it is (reused) costs its
// bytes now if it is merged. Greedy: merge the cheapest pair until the budget is met. So a large, widely
// depended-on path (libc: nearly every update elsewhere leaves it alone) stays apart from paths above it, and paths
// with the same closure and the same images merge at no cost. planRefetch gives the same model's figure for a
// whole plan (known.ts compares an earlier plan carried over to an update with the merged one by it).
//
// Paths no known image holds are new, and the known images say nothing about how the images to come will cut
// them. For a pair with such a unit the graph stands in: an image is the closure of its roots, so an image holds a
// unit exactly when one of its roots lies above (its closure holds) one of the unit's paths. Taking each path of
// the closure as equally likely to be a root of the next image, as for updates, merging A and B adds A's bytes per
// path above A and not above B (and the other way round), / n: a library that only one program uses joins that
// program rather than another program's library. Pairs of units the known images both hold are left to the known
// images (measured: docs/layering-rounds.md, "The images to come, from the graph").
import { compareStrings } from '../compare.ts';
import type { IndexedGraph } from './indexed-graph.ts';

export interface Unit {
  paths: string[];
  /** A published layer taken as it is. */
  reused: boolean;
}

/** Bound on the pair work (units² × closure words): larger inputs are first reduced by the caller's rule. */
const MAX_PAIR_WORK = 4e6;
/**
 * Weight of a reused layer's bytes, fetched once now if it is merged, against the expected bytes per update or
 * image above: a layer lives through several of those (measured: 1 keeps too many reused layers apart at the cost
 * of merging new ones badly, 0 breaks up what nodes hold; 0.1-0.3 all within 0.02 of each other, docs/layering-rounds.md).
 */
const REUSED_NOW_WEIGHT = 0.2;

/** Most units the pairwise merge takes for a closure of `pathCount` paths; never below `budget`. */
export function pairwiseLimit(budget: number, pathCount: number): number {
  return Math.max(budget, Math.floor(Math.sqrt(MAX_PAIR_WORK / Math.ceil(pathCount / 32))));
}

/**
 * Merges `units` (at most pairwiseLimit of them) down to `budget`, cheapest pair first (see above). `imagesOf`
 * gives the numbers (0 .. imageCount-1) of the known images that hold a path. Null when the graph has a cycle.
 */
export function mergeByRefetch(
  units: readonly Unit[],
  budget: number,
  indexed: IndexedGraph,
  narSize: (path: string) => number,
  imagesOf: (path: string) => ArrayLike<number>,
  imageCount: number,
): Unit[] | null {
  if (units.length <= budget) return [...units];
  if (!indexed.order) return null;
  // The paths above a unit matter only for pairs with a unit no known image holds.
  const model = modelOf(units, indexed, narSize, imagesOf, imageCount, (heldBy) => heldBy.some((bits) => bits.every((word) => word === 0)));
  const merging = new Merging(units, model);
  merging.greedy(budget);
  return merging.result(indexed.index, indexed.paths);
}

/**
 * The expected bytes fetched again later for a whole plan, under the same model as the merges (one update or one
 * image to come), plus REUSED_NOW_WEIGHT times `now`, the bytes a node fetches for it now. Per layer: its bytes
 * times the updates that change it / n and the known images that hold any of it / m, and for a layer with a path
 * no known image holds, the paths above it / n (whole, where the merges count only what a merge adds). Of two plans
 * of one closure, the lower figure is the one the merges' model prefers. Null when the graph has a cycle.
 */
export function planRefetch(
  layers: readonly (readonly string[])[],
  now: number,
  indexed: IndexedGraph,
  narSize: (path: string) => number,
  imagesOf: (path: string) => ArrayLike<number>,
  imageCount: number,
): number | null {
  if (!indexed.order) return null;
  const units = layers.map((paths) => ({ paths: [...paths], reused: false }));
  const unseen = units.map((unit) => unit.paths.some((path) => imagesOf(path).length === 0));
  const { n, bytes, changedBy, heldBy, heldAbove } = modelOf(units, indexed, narSize, imagesOf, imageCount, () => unseen.some((u) => u));
  let later = 0;
  units.forEach((_, u) => {
    later += (bytes[u]! * popcount(changedBy[u]!)) / n;
    if (imageCount > 0) later += (bytes[u]! * popcount(heldBy[u]!)) / imageCount;
    if (unseen[u]) later += (bytes[u]! * popcount(heldAbove[u]!)) / n;
  });
  return later + REUSED_NOW_WEIGHT * now;
}

/**
 * Per unit, as bits over the paths of the (acyclic) graph: 'below', the paths in the closure of any of its paths
 * (an update of one changes the unit); 'above', the paths whose closure holds any of its paths (an image with one of
 * them as a root holds the unit). One pass over the graph with a bit per unit, then turned around.
 */
function closureBits(units: readonly Unit[], indexed: IndexedGraph, direction: 'below' | 'above'): Uint32Array[] {
  const { offsets, targets, index } = indexed;
  const order = indexed.order!;
  const n = indexed.paths.length;
  const unitWords = Math.ceil(units.length / 32);
  const reach = new Uint32Array(n * unitWords);
  units.forEach((unit, u) => {
    for (const path of unit.paths) reach[index.get(path)! * unitWords + (u >>> 5)]! |= 1 << (u & 31);
  });
  // `order` has referrers first: down the references in that order, up them in the reverse.
  const down = direction === 'below';
  for (let i = 0; i < n; i++) {
    const v = order[down ? i : n - 1 - i]!;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
      const from = (down ? v : targets[e]!) * unitWords;
      const to = (down ? targets[e]! : v) * unitWords;
      for (let w = 0; w < unitWords; w++) reach[to + w]! |= reach[from + w]!;
    }
  }
  const bits = units.map(() => new Uint32Array(Math.ceil(n / 32)));
  for (let x = 0; x < n; x++) {
    for (let u = 0; u < units.length; u++) if (reach[x * unitWords + (u >>> 5)]! & (1 << (u & 31))) bits[u]![x >>> 5]! |= 1 << (x & 31);
  }
  return bits;
}

/**
 * The model's figures for each unit; the paths above each unit only when `needAbove` says so for the images that
 * hold them (else empty). The graph must be acyclic.
 */
function modelOf(
  units: readonly Unit[],
  indexed: IndexedGraph,
  narSize: (path: string) => number,
  imagesOf: (path: string) => ArrayLike<number>,
  imageCount: number,
  needAbove: (heldBy: Uint32Array[]) => boolean,
): Model {
  const imageWords = Math.max(1, Math.ceil(imageCount / 32));
  const heldBy: Uint32Array[] = units.map((unit) => {
    const bits = new Uint32Array(imageWords);
    for (const path of unit.paths) {
      const images = imagesOf(path);
      for (let i = 0; i < images.length; i++) bits[images[i]! >>> 5]! |= 1 << (images[i]! & 31);
    }
    return bits;
  });
  return {
    n: indexed.paths.length,
    imageCount,
    bytes: units.map((unit) => unit.paths.reduce((sum, path) => sum + narSize(path), 0)),
    changedBy: closureBits(units, indexed, 'below'),
    heldBy,
    heldAbove: needAbove(heldBy) ? closureBits(units, indexed, 'above') : units.map(() => new Uint32Array(0)),
  };
}

/** What the cost of a merge needs of each input unit. */
interface Model {
  n: number;
  imageCount: number;
  bytes: number[];
  /** Paths whose update changes the unit, as bits. */
  changedBy: Uint32Array[];
  /** Known images that hold any of the unit's paths, as bits. */
  heldBy: Uint32Array[];
  /** Paths whose closure holds any of the unit's paths (roots of the images that would hold it), as bits. */
  heldAbove: Uint32Array[];
}

/** Merges over the units, with the bitsets of the merged units kept up to date. */
class Merging {
  private readonly units: (Unit | null)[];
  private readonly bytes: number[];
  private readonly changedBy: Uint32Array[];
  private readonly heldBy: Uint32Array[];
  private readonly heldAbove: Uint32Array[];
  private readonly changes: number[];
  private readonly images: number[];
  private readonly above: number[];
  /** Input units held by no known image that each unit holds: with any, the graph weighs the images to come. */
  private readonly unseen: number[];
  private readonly model: Model;

  constructor(units: readonly Unit[], model: Model) {
    this.model = model;
    this.units = units.map((unit) => ({ paths: [...unit.paths], reused: unit.reused }));
    this.bytes = [...model.bytes];
    this.changedBy = model.changedBy.map((bits) => bits.slice());
    this.heldBy = model.heldBy.map((bits) => bits.slice());
    this.heldAbove = model.heldAbove.map((bits) => bits.slice());
    this.changes = this.changedBy.map(popcount);
    this.images = this.heldBy.map(popcount);
    this.above = this.heldAbove.map(popcount);
    this.unseen = this.images.map((count) => (count === 0 ? 1 : 0));
  }

  cost(a: number, b: number): number {
    const { n, imageCount } = this.model;
    const { bytes, changes, images, above, unseen } = this;
    const sharedChanges = popcountAnd(this.changedBy[a]!, this.changedBy[b]!);
    const sharedImages = popcountAnd(this.heldBy[a]!, this.heldBy[b]!);
    const updates = (bytes[a]! * (changes[b]! - sharedChanges) + bytes[b]! * (changes[a]! - sharedChanges)) / n;
    const cuts = imageCount === 0 ? 0 : (bytes[a]! * (images[a]! - sharedImages) + bytes[b]! * (images[b]! - sharedImages)) / imageCount;
    let toCome = 0;
    if (unseen[a]! + unseen[b]! > 0) {
      const sharedAbove = popcountAnd(this.heldAbove[a]!, this.heldAbove[b]!);
      toCome = (bytes[a]! * (above[a]! - sharedAbove) + bytes[b]! * (above[b]! - sharedAbove)) / n;
    }
    const now = (this.units[a]!.reused ? bytes[a]! : 0) + (this.units[b]!.reused ? bytes[b]! : 0);
    return updates + cuts + toCome + REUSED_NOW_WEIGHT * now;
  }

  /** B joins A. */
  join(a: number, b: number): void {
    const unitA = this.units[a]!;
    this.units[a] = { paths: [...unitA.paths, ...this.units[b]!.paths], reused: false };
    this.units[b] = null;
    this.bytes[a]! += this.bytes[b]!;
    orInto(this.changedBy[a]!, this.changedBy[b]!);
    orInto(this.heldBy[a]!, this.heldBy[b]!);
    orInto(this.heldAbove[a]!, this.heldAbove[b]!);
    this.changes[a] = popcount(this.changedBy[a]!);
    this.images[a] = popcount(this.heldBy[a]!);
    this.above[a] = popcount(this.heldAbove[a]!);
    this.unseen[a]! += this.unseen[b]!;
  }

  /** Cheapest pair first until `budget` units are left. */
  greedy(budget: number): void {
    const k = this.units.length;
    const pairCost = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) pairCost[a * k + b] = this.cost(a, b);
    for (let alive = k; alive > budget; alive--) {
      let bestA = -1;
      let bestB = -1;
      for (let a = 0; a < k; a++) {
        if (!this.units[a]) continue;
        for (let b = a + 1; b < k; b++) {
          if (!this.units[b]) continue;
          if (bestA < 0 || pairCost[a * k + b]! < pairCost[bestA * k + bestB]!) {
            bestA = a;
            bestB = b;
          }
        }
      }
      this.join(bestA, bestB);
      for (let c = 0; c < k; c++) {
        if (c === bestA || !this.units[c]) continue;
        pairCost[Math.min(c, bestA) * k + Math.max(c, bestA)] = this.cost(Math.min(c, bestA), Math.max(c, bestA));
      }
    }
  }

  /** The units left, each with its paths sorted (by their numbers: the paths are numbered in sorted order). */
  result(index: ReadonlyMap<string, number>, paths: readonly string[]): Unit[] {
    return this.units
      .filter((unit): unit is Unit => unit !== null)
      .map((unit) => ({
        paths: Array.from(Int32Array.from(unit.paths, (path) => index.get(path)!).sort(), (id) => paths[id]!),
        reused: unit.reused,
      }))
      .sort((a, b) => compareStrings(a.paths[0]!, b.paths[0]!));
  }
}

function orInto(target: Uint32Array, source: Uint32Array): void {
  for (let w = 0; w < target.length; w++) target[w]! |= source[w]!;
}

function popcount(bits: Uint32Array): number {
  let count = 0;
  for (const word of bits) count += bitCount(word);
  return count;
}

function popcountAnd(a: Uint32Array, b: Uint32Array): number {
  let count = 0;
  for (let w = 0; w < a.length; w++) count += bitCount(a[w]! & b[w]!);
  return count;
}

function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
