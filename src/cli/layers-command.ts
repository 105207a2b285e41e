import { readFile } from 'node:fs/promises';
import { parseCommandArgs } from './args.ts';
import { text } from 'node:stream/consumers';
import { UsageError } from '../errors.ts';
import { DEFAULT_LAYER_BUDGET } from '../layers/budget.ts';
import { planLayers } from '../layers/plan.ts';
import { readClosureGraph } from '../layers/read-graph.ts';
import type { KnownImage } from '../layers/known-image.ts';
import { readKnownLayers } from '../layers/read-known.ts';
import { parseBudget } from '../settings/rules.ts';

export const LAYERS_USAGE = `Usage: nixery layers [--budget N] [--known FILE] < graph.json

Reads {"roots": [...], "paths": {"/nix/store/...": {"narSize": n, "references": [...]}}} on stdin and
prints {"layers": [[path, ...], ...]}, first layer first.

  --budget N     most layers to plan (default ${DEFAULT_LAYER_BUDGET})
  --known FILE   images already published, {"images": [[[path, ...], ...], ...]} (each its layers), or
                 layer sets {"layers": [[path, ...], ...]}, in any order: a layer whose paths are all in the
                 closure is reused as it is, and the other paths are grouped by the images they appear in
                 (docs/benchmarks.md)`;

export async function layersCommand(args: string[]): Promise<void> {
  const { values } = parseCommandArgs({ args, options: { budget: { type: 'string' }, known: { type: 'string' } }, strict: true });
  const budget = parseBudget(values.budget);
  const known = values.known === undefined ? [] : await readKnownFile(values.known);
  const graph = readClosureGraph(await text(process.stdin));
  process.stdout.write(JSON.stringify({ layers: planLayers(graph, budget, known) }) + '\n');
}

async function readKnownFile(file: string): Promise<KnownImage[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--known ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    return readKnownLayers(content);
  } catch (error) {
    throw new UsageError(`--known ${file}: ${(error as Error).message}`);
  }
}
