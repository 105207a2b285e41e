// v0 placeholder, replaced below
import type { ClosureGraph } from '../nix/closure.ts';

export const DEFAULT_LAYER_BUDGET = 100;

export function planLayers(graph: ClosureGraph, budget: number): string[][] {
  if (!Number.isInteger(budget) || budget < 1) throw new Error(`layer budget must be an integer >= 1, got ${budget}`);
  const all = Object.keys(graph.paths).sort();
  for (const path of all) for (const ref of graph.paths[path]!.references) {
    if (!Object.hasOwn(graph.paths, ref)) throw new Error(`${path} refers to ${ref}, which is not in the graph's paths`);
  }
  if (all.length <= budget) return all.map((p) => [p]);
  const bySize = [...all].sort((a, b) => graph.paths[b]!.narSize - graph.paths[a]!.narSize || (a < b ? -1 : 1));
  const layers = bySize.slice(0, budget - 1).map((p) => [p]);
  layers.push(bySize.slice(budget - 1).sort());
  return layers;
}
