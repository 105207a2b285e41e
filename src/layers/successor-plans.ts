// The plans of known images that this closure is an update of, with the new versions swapped in: known.ts weighs
// such a plan against its own (an update then refetches only the layers it touched).
import { compareStrings } from '../compare.ts';
import type { IndexedGraph } from './indexed-graph.ts';
import type { KnownImage } from './known-image.ts';
import { packageKey } from './package-key.ts';

/**
 * The plans of the known images (at most `budget` layers) that this closure is an update of: each of their paths
 * is in the closure or has its successor there (the closure's one path of the same package, package-key.ts), and
 * every closure path is reached exactly once. Each such plan, with every path replaced by its successor, is a plan
 * of this closure; sorted by their paths, so the order of `known` does not matter. `numbered` is each known
 * image's layers as closure path numbers, -1 for a path outside the closure.
 */
export function successorPlans(
  indexed: IndexedGraph,
  budget: number,
  known: readonly KnownImage[],
  numbered: readonly Int32Array[][],
): string[][][] {
  const { paths } = indexed;
  const n = paths.length;
  // Only an image with as many paths as the closure can map onto it one to one.
  const sized = known.flatMap((image, i) =>
    image.length <= budget && image.reduce((sum, layer) => sum + layer.length, 0) === n ? [i] : [],
  );
  if (sized.length === 0) return [];
  // Package -> its closure path; -1 when the closure holds several paths of that package (no single successor).
  const byPackage = new Map<string, number>();
  paths.forEach((path, i) => {
    const name = packageKey(path);
    byPackage.set(name, byPackage.has(name) ? -1 : i);
  });
  const plans: { ids: Int32Array[]; text: string }[] = [];
  const seen = new Int32Array(n).fill(-1);
  for (const i of sized) {
    const layers: Int32Array[] = [];
    let ok = true;
    for (let j = 0; ok && j < known[i]!.length; j++) {
      const layer = numbered[i]![j]!;
      if (layer.length === 0) continue;
      const ids = new Int32Array(layer.length);
      for (let k = 0; ok && k < layer.length; k++) {
        const id = layer[k]! >= 0 ? layer[k]! : (byPackage.get(packageKey(known[i]![j]![k]!)) ?? -1);
        ok = id >= 0 && seen[id] !== i;
        if (ok) seen[id] = i;
        ids[k] = id;
      }
      layers.push(ids.sort());
    }
    if (!ok) continue;
    layers.sort((a, b) => a[0]! - b[0]!);
    plans.push({ ids: layers, text: layers.map((ids) => ids.join(',')).join(' ') });
  }
  plans.sort((a, b) => compareStrings(a.text, b.text));
  return plans.map((plan) => plan.ids.map((ids) => Array.from(ids, (id) => paths[id]!)));
}
