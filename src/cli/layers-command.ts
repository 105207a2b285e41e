import { parseCommandArgs } from './args.ts';
import { text } from 'node:stream/consumers';
import { DEFAULT_LAYER_BUDGET, planLayers } from '../layers/plan.ts';
import { readClosureGraph } from '../layers/read-graph.ts';
import { parseBudget } from '../settings/rules.ts';

export const LAYERS_USAGE = `Usage: nixery layers [--budget N] < graph.json

Reads {"roots": [...], "paths": {"/nix/store/...": {"narSize": n, "references": [...]}}} on stdin and
prints {"layers": [[path, ...], ...]}, first layer first.

  --budget N   most layers to plan (default ${DEFAULT_LAYER_BUDGET})`;

export async function layersCommand(args: string[]): Promise<void> {
  const { values } = parseCommandArgs({ args, options: { budget: { type: 'string' } }, strict: true });
  const budget = parseBudget(values.budget);
  const graph = readClosureGraph(await text(process.stdin));
  process.stdout.write(JSON.stringify({ layers: planLayers(graph, budget) }) + '\n');
}
