// Validates the untrusted file of known images that `nixery layers --known FILE` reads, so the planner only
// sees lists of store paths and users get an error that points at the bad entry.
import type { KnownImage } from './known-image.ts';

/**
 * Parses `{"images": [[[path, ...], ...], ...]}` (published images, each its layers) and/or
 * `{"layers": [[path, ...], ...]}` (layer sets whose images are not known: each counts as an image of one layer).
 */
export function readKnownLayers(text: string): KnownImage[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`known layers are not valid JSON: ${(error as Error).message}`);
  }
  const { layers, images } = (value ?? {}) as { layers?: unknown; images?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (!Array.isArray(layers) && !Array.isArray(images))) {
    throw new Error('known layers must be a JSON object {"images": [[[path, ...], ...], ...]} or {"layers": [[path, ...], ...]}');
  }
  if (layers !== undefined && !Array.isArray(layers)) throw new Error('known "layers" must be an array of layers');
  if (images !== undefined && !Array.isArray(images)) throw new Error('known "images" must be an array of images');
  const fromImages = (images ?? []).map((image: unknown, i: number) => {
    if (!Array.isArray(image)) throw new Error(`known images[${i}] must be an array of layers`);
    return image.map((layer: unknown, j: number) => checkLayer(layer, `images[${i}][${j}]`));
  });
  const fromLayers = (layers ?? []).map((layer: unknown, i: number) => [checkLayer(layer, `layers[${i}]`)]);
  return [...fromImages, ...fromLayers];
}

function checkLayer(layer: unknown, where: string): string[] {
  if (!Array.isArray(layer)) throw new Error(`known ${where} must be an array of store paths`);
  if (layer.length === 0) throw new Error(`known ${where} is empty; a published layer holds at least one store path`);
  layer.forEach((path, k) => {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new Error(`known ${where}[${k}] must be an absolute store path, got ${JSON.stringify(path) ?? 'nothing'}`);
    }
  });
  return layer as string[];
}
