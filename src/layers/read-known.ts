// Validates the untrusted file of known layer sets that `nixery layers --known FILE` reads, so the planner
// only sees lists of store paths and users get an error that points at the bad entry.

/** Parses `{"layers": [[path, ...], ...]}`: layer sets already published, in any order. */
export function readKnownLayers(text: string): string[][] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`known layers are not valid JSON: ${(error as Error).message}`);
  }
  const layers = (value as { layers?: unknown } | null)?.layers;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Array.isArray(layers)) {
    throw new Error('known layers must be a JSON object {"layers": [[path, ...], ...]}');
  }
  return layers.map((layer, i) => {
    if (!Array.isArray(layer)) throw new Error(`known layers[${i}] must be an array of store paths`);
    if (layer.length === 0) throw new Error(`known layers[${i}] is empty; a published layer holds at least one store path`);
    layer.forEach((path, j) => {
      if (typeof path !== 'string' || !path.startsWith('/')) {
        throw new Error(`known layers[${i}][${j}] must be an absolute store path, got ${JSON.stringify(path) ?? 'nothing'}`);
      }
    });
    return layer as string[];
  });
}
