#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  checkClosureGraph,
  isPlainObject,
  planLayers
} from "./chunk-J7F32IGK.js";
import {
  DEFAULT_LAYER_BUDGET,
  parseBudget
} from "./chunk-BDR33ONT.js";
import "./chunk-IT5BRIKT.js";
import {
  parseCommandArgs
} from "./chunk-BI2ILFY6.js";
import "./chunk-GCYMDIW2.js";
import "./chunk-VQIJQ3JB.js";
import {
  UsageError
} from "./chunk-WXRP66RY.js";
import "./chunk-4ZPLT25K.js";

// src/cli/layers-command.ts
import { readFile } from "node:fs/promises";
import { text } from "node:stream/consumers";

// src/layers/read-graph.ts
function readClosureGraph(text2) {
  let value;
  try {
    value = JSON.parse(text2);
  } catch (error) {
    throw new Error(`closure graph is not valid JSON: ${error.message}`);
  }
  return validateClosureGraph(value);
}
function validateClosureGraph(value) {
  if (!isPlainObject(value)) throw new Error(`closure graph must be a JSON object with "roots" and "paths", got ${describe(value)}`);
  if (!isPlainObject(value.paths))
    throw new Error(`closure graph "paths" must be an object keyed by store path, got ${describe(value.paths)}`);
  if (!Array.isArray(value.roots)) throw new Error(`closure graph "roots" must be an array of store paths, got ${describe(value.roots)}`);
  return checkClosureGraph(Object.entries(value.paths), value.roots, graphProblem);
}
function graphProblem(problem) {
  const where = "path" in problem ? `paths[${JSON.stringify(problem.path)}]` : "";
  switch (problem.kind) {
    case "path-not-absolute":
      throw new Error(`paths key ${JSON.stringify(problem.path)} is not an absolute store path`);
    case "info-not-object":
      throw new Error(`${where} must be an object with "narSize" and "references", got ${describe(problem.value)}`);
    case "bad-nar-size":
      throw new Error(`${where}.narSize must be a non-negative integer, got ${describe(problem.value)}`);
    case "references-not-array":
      throw new Error(`${where}.references must be an array of store paths, got ${describe(problem.value)}`);
    case "reference-not-string":
      throw new Error(`${where}.references[${problem.index}] must be a string, got ${describe(problem.value)}`);
    case "reference-missing":
      throw new Error(
        `${where}.references[${problem.index}] ${JSON.stringify(problem.reference)} is not in paths; the graph must hold the whole closure`
      );
    case "root-not-string":
      throw new Error(`roots[${problem.index}] must be a string, got ${describe(problem.value)}`);
    case "root-missing":
      throw new Error(`roots[${problem.index}] ${JSON.stringify(problem.root)} is not in paths`);
  }
}
function describe(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  const text2 = JSON.stringify(value);
  return `${typeof value} ${text2.length > 60 ? text2.slice(0, 57) + "..." : text2}`;
}

// src/layers/read-known.ts
function readKnownLayers(text2) {
  let value;
  try {
    value = JSON.parse(text2);
  } catch (error) {
    throw new Error(`known layers are not valid JSON: ${error.message}`);
  }
  const { layers, images } = value ?? {};
  if (typeof value !== "object" || value === null || Array.isArray(value) || !Array.isArray(layers) && !Array.isArray(images)) {
    throw new Error('known layers must be a JSON object {"images": [[[path, ...], ...], ...]} or {"layers": [[path, ...], ...]}');
  }
  if (layers !== void 0 && !Array.isArray(layers)) throw new Error('known "layers" must be an array of layers');
  if (images !== void 0 && !Array.isArray(images)) throw new Error('known "images" must be an array of images');
  const fromImages = (images ?? []).map((image, i) => {
    if (!Array.isArray(image)) throw new Error(`known images[${i}] must be an array of layers`);
    return image.map((layer, j) => checkLayer(layer, `images[${i}][${j}]`));
  });
  const fromLayers = (layers ?? []).map((layer, i) => [checkLayer(layer, `layers[${i}]`)]);
  return [...fromImages, ...fromLayers];
}
function checkLayer(layer, where) {
  if (!Array.isArray(layer)) throw new Error(`known ${where} must be an array of store paths`);
  if (layer.length === 0) throw new Error(`known ${where} is empty; a published layer holds at least one store path`);
  layer.forEach((path, k) => {
    if (typeof path !== "string" || !path.startsWith("/")) {
      throw new Error(`known ${where}[${k}] must be an absolute store path, got ${JSON.stringify(path) ?? "nothing"}`);
    }
  });
  return layer;
}

// src/cli/layers-command.ts
var LAYERS_USAGE = `Usage: nixery layers [--budget N] [--known FILE] < graph.json

Reads {"roots": [...], "paths": {"/nix/store/...": {"narSize": n, "references": [...]}}} on stdin and
prints {"layers": [[path, ...], ...]}, first layer first.

  --budget N     most layers to plan (default ${DEFAULT_LAYER_BUDGET})
  --known FILE   images already published, {"images": [[[path, ...], ...], ...]} (each its layers), or
                 layer sets {"layers": [[path, ...], ...]}, in any order: a layer whose paths are all in the
                 closure is reused as it is, and the other paths are grouped by the images they appear in
                 (docs/benchmarks.md)`;
async function layersCommand(args) {
  const { values } = parseCommandArgs({ args, options: { budget: { type: "string" }, known: { type: "string" } }, strict: true });
  const budget = parseBudget(values.budget);
  const known = values.known === void 0 ? [] : await readKnownFile(values.known);
  const graph = readClosureGraph(await text(process.stdin));
  process.stdout.write(JSON.stringify({ layers: planLayers(graph, budget, known) }) + "\n");
}
async function readKnownFile(file) {
  let content;
  try {
    content = await readFile(file, "utf8");
  } catch (error) {
    const code = error.code;
    throw new UsageError(`--known ${file}: ${code === "ENOENT" ? "no such file" : error.message}`);
  }
  try {
    return readKnownLayers(content);
  } catch (error) {
    throw new UsageError(`--known ${file}: ${error.message}`);
  }
}
export {
  LAYERS_USAGE,
  layersCommand
};
