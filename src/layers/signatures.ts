// Which known images hold each path of the closure (its signature): paths with the same signature have always come
// together, so known.ts groups them. A path no known image holds takes the signature of its predecessor, the known
// path of the same package that the closure no longer holds (package-key.ts).
import { compareStrings } from '../compare.ts';
import { compareIdLists, IdListMap } from './id-lists.ts';
import type { IndexedGraph } from './indexed-graph.ts';
import type { KnownImage } from './known-image.ts';
import { packageKey } from './package-key.ts';

/**
 * Each closure path's signature (by its number): the known images that hold it, in ascending order (numbered in
 * the order of their paths, so the order `known` comes in does not matter), or for a path no image holds, the
 * signature of its predecessor (see the policy in known.ts). Undefined for paths with neither. `held` marks the
 * paths some known image holds; `numbered` is each known image's layers as closure path numbers, -1 for a path
 * outside the closure.
 */
export function signatures(
  indexed: IndexedGraph,
  known: readonly KnownImage[],
  numbered: readonly Int32Array[][],
): { imagesOf: (Int32Array | undefined)[]; imageCount: number; held: Uint8Array } {
  const { paths } = indexed;
  const n = paths.length;
  const held = new Uint8Array(n);
  for (const image of numbered) for (const layer of image) for (let k = 0; k < layer.length; k++) if (layer[k]! >= 0) held[layer[k]!] = 1;
  // Package names of the paths no image holds: only known paths of those names need a signature of their own.
  const wanted = new Set<string>();
  for (let i = 0; i < n; i++) if (!held[i]) wanted.add(packageKey(paths[i]!));
  // Known paths outside the closure of a wanted name, numbered from n on; `names` caches each one's package key.
  const outside = new Map<string, number>();
  const outsidePaths: string[] = [];
  const outsideSeen: number[] = [];
  const names = new Map<string, string>();
  const outsideId = (path: string): number => {
    let id = outside.get(path);
    if (id !== undefined) return id;
    let name = names.get(path);
    if (name === undefined) {
      name = packageKey(path);
      names.set(path, name);
    }
    if (!wanted.has(name)) return -1;
    id = n + outsidePaths.length;
    outside.set(path, id);
    outsidePaths.push(path);
    outsideSeen.push(-1);
    return id;
  };
  // Each image by the paths that can tell something (in the closure, or of a wanted name), each once.
  const closureSeen = new Int32Array(n).fill(-1);
  const relevant = known.map((image, i) => {
    const ids = new Int32Array(image.reduce((sum, layer) => sum + layer.length, 0));
    let count = 0;
    image.forEach((layer, j) => {
      const layerIds = numbered[i]![j]!;
      for (let k = 0; k < layerIds.length; k++) {
        let id = layerIds[k]!;
        if (id >= 0) {
          if (closureSeen[id] === i) continue;
          closureSeen[id] = i;
        } else {
          id = wanted.size > 0 ? outsideId(layer[k]!) : -1;
          if (id < 0 || outsideSeen[id - n] === i) continue;
          outsideSeen[id - n] = i;
        }
        ids[count++] = id;
      }
    });
    return ids.subarray(0, count);
  });
  // The paths (closure and outside merged) in sorted order, to order images by their sorted paths.
  const total = n + outsidePaths.length;
  const outsideOrder = outsidePaths.map((_, j) => n + j).sort((a, b) => compareStrings(outsidePaths[a - n]!, outsidePaths[b - n]!));
  const sorted = new Int32Array(total);
  for (let i = 0, j = 0, r = 0; r < total; r++) {
    sorted[r] =
      j === outsideOrder.length || (i < n && compareStrings(paths[i]!, outsidePaths[outsideOrder[j]! - n]!) < 0) ? i++ : outsideOrder[j++]!;
  }
  // Each image's paths in that order (by position r), read off which images hold each path.
  const inRelevant = holdersIndex(total, relevant);
  const ordered = relevant.map((ids) => new Int32Array(ids.length));
  const filledIn = new Int32Array(known.length);
  for (let r = 0; r < total; r++) {
    const id = sorted[r]!;
    for (let e = inRelevant.offsets[id]!; e < inRelevant.offsets[id + 1]!; e++) {
      const image = inRelevant.holders[e]!;
      ordered[image]![filledIn[image]!++] = r;
    }
  }
  // Images alike in those paths count once, which changes no grouping.
  const images: Int32Array[] = [];
  const seen = new IdListMap<true>();
  for (const positions of ordered) {
    if (positions.length === 0 || seen.get(positions)) continue;
    seen.add(positions, true);
    images.push(positions);
  }
  images.sort(compareIdLists);
  // Which of those images hold each path, ascending.
  const { offsets, holders } = holdersIndex(
    total,
    images.map((positions) => positions.map((r) => sorted[r]!)),
  );
  const holdersOf = (id: number): Int32Array => holders.subarray(offsets[id]!, offsets[id + 1]!);

  const predecessors = new Map<string, number[]>();
  outsidePaths.forEach((path, j) => {
    const name = names.get(path)!;
    const ids = predecessors.get(name);
    if (ids) ids.push(n + j);
    else predecessors.set(name, [n + j]);
  });
  const imagesOf: (Int32Array | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    if (held[i]) {
      imagesOf.push(holdersOf(i));
      continue;
    }
    // Of several, the one most images hold (the version the fleet shares), then the first by path.
    const candidates = predecessors.get(packageKey(paths[i]!));
    const tally = (id: number): number => offsets[id + 1]! - offsets[id]!;
    const predecessor =
      candidates && [...candidates].sort((a, b) => tally(b) - tally(a) || compareStrings(outsidePaths[a - n]!, outsidePaths[b - n]!))[0];
    imagesOf.push(predecessor === undefined ? undefined : holdersOf(predecessor));
  }
  return { imagesOf, imageCount: images.length, held };
}

/**
 * Which lists hold each of `size` numbers, ascending, as one flat array: the lists holding number id are
 * holders[offsets[id]] .. holders[offsets[id + 1] - 1].
 */
function holdersIndex(size: number, lists: readonly Int32Array[]): { offsets: Int32Array; holders: Int32Array } {
  const offsets = new Int32Array(size + 1);
  for (const list of lists) for (let k = 0; k < list.length; k++) offsets[list[k]! + 1]!++;
  for (let id = 0; id < size; id++) offsets[id + 1]! += offsets[id]!;
  const holders = new Int32Array(offsets[size]!);
  const filled = offsets.slice(0, size);
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l]!;
    for (let k = 0; k < list.length; k++) holders[filled[list[k]!]!++] = l;
  }
  return { offsets, holders };
}
