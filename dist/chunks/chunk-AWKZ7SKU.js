#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);

// src/nix/closure.ts
function checkClosureGraph(rawPaths, rawRoots, fail) {
  const entries = [...rawPaths];
  const known = new Set(entries.map(([path]) => path));
  const paths = {};
  for (const [path, info] of entries) {
    if (!isStorePath(path)) fail({ kind: "path-not-absolute", path });
    if (!isPlainObject(info)) fail({ kind: "info-not-object", path, value: info });
    const { narSize, references } = info;
    if (typeof narSize !== "number" || !Number.isSafeInteger(narSize) || narSize < 0) fail({ kind: "bad-nar-size", path, value: narSize });
    if (!Array.isArray(references)) fail({ kind: "references-not-array", path, value: references });
    references.forEach((reference, index) => {
      if (typeof reference !== "string") fail({ kind: "reference-not-string", path, index, value: reference });
      if (!known.has(reference)) fail({ kind: "reference-missing", path, index, reference });
    });
    const { narHash } = info;
    paths[path] = { narSize, references: [...references], ...typeof narHash === "string" ? { narHash } : {} };
  }
  rawRoots.forEach((root, index) => {
    if (typeof root !== "string") fail({ kind: "root-not-string", index, value: root });
    if (!known.has(root)) fail({ kind: "root-missing", index, root });
  });
  return { roots: [...rawRoots], paths };
}
function closureFromPathInfo(json, roots) {
  const entries = Array.isArray(json) ? json.map((item, i) => [pathOf(item, i), item]) : isPlainObject(json) ? Object.entries(json) : invalid("expected a JSON list or object");
  const graph = checkClosureGraph(entries, roots, pathInfoProblem);
  for (const info of Object.values(graph.paths)) info.references.sort();
  return graph;
}
function pathInfoProblem(problem) {
  switch (problem.kind) {
    case "path-not-absolute":
      return invalid(`${problem.path} is not an absolute store path`);
    case "info-not-object":
      return invalid(`entry for ${problem.path} is not an object (is the path valid in the store?)`);
    case "bad-nar-size":
      return invalid(`${problem.path} has no valid narSize`);
    case "references-not-array":
    case "reference-not-string":
      return invalid(`${problem.path} has no valid references list`);
    case "reference-missing":
      return invalid(`${problem.path} refers to ${problem.reference}, which is missing`);
    case "root-not-string":
      return invalid(`root ${problem.index} is not a string`);
    case "root-missing":
      return invalid(`root ${problem.root} is missing`);
  }
}
function pathOf(item, index) {
  if (isPlainObject(item) && typeof item.path === "string") return item.path;
  return invalid(`list entry ${index} has no "path"`);
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isStorePath(path) {
  return path.startsWith("/") && path.length > 1 && !path.includes("\0") && !path.split("/").includes("..");
}
function invalid(why) {
  throw new Error(`unexpected output from nix path-info --json: ${why}`);
}

export {
  checkClosureGraph,
  closureFromPathInfo,
  isPlainObject
};
