// Validates the untrusted closure graph that `nixery layers` reads on stdin, so the planner only
// ever sees a well-formed graph and users get an error that points at the bad field.
import { checkClosureGraph, isPlainObject } from '../nix/closure.ts';
import type { ClosureGraph, ClosureGraphProblem } from '../nix/closure.ts';

/** Parses and validates `{"roots": [...], "paths": {"/nix/store/...": {"narSize": n, "references": [...]}}}`. */
export function readClosureGraph(text: string): ClosureGraph {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`closure graph is not valid JSON: ${(error as Error).message}`);
  }
  return validateClosureGraph(value);
}

/** Checks an already-parsed value; unknown extra fields (Nix prints many) are ignored. */
export function validateClosureGraph(value: unknown): ClosureGraph {
  if (!isPlainObject(value)) throw new Error(`closure graph must be a JSON object with "roots" and "paths", got ${describe(value)}`);
  if (!isPlainObject(value.paths))
    throw new Error(`closure graph "paths" must be an object keyed by store path, got ${describe(value.paths)}`);
  if (!Array.isArray(value.roots)) throw new Error(`closure graph "roots" must be an array of store paths, got ${describe(value.roots)}`);
  return checkClosureGraph(Object.entries(value.paths), value.roots, graphProblem);
}

function graphProblem(problem: ClosureGraphProblem): never {
  const where = 'path' in problem ? `paths[${JSON.stringify(problem.path)}]` : '';
  switch (problem.kind) {
    case 'path-not-absolute':
      throw new Error(`paths key ${JSON.stringify(problem.path)} is not an absolute store path`);
    case 'info-not-object':
      throw new Error(`${where} must be an object with "narSize" and "references", got ${describe(problem.value)}`);
    case 'bad-nar-size':
      throw new Error(`${where}.narSize must be a non-negative integer, got ${describe(problem.value)}`);
    case 'references-not-array':
      throw new Error(`${where}.references must be an array of store paths, got ${describe(problem.value)}`);
    case 'reference-not-string':
      throw new Error(`${where}.references[${problem.index}] must be a string, got ${describe(problem.value)}`);
    case 'reference-missing':
      throw new Error(
        `${where}.references[${problem.index}] ${JSON.stringify(problem.reference)} is not in paths; the graph must hold the whole closure`,
      );
    case 'root-not-string':
      throw new Error(`roots[${problem.index}] must be a string, got ${describe(problem.value)}`);
    case 'root-missing':
      throw new Error(`roots[${problem.index}] ${JSON.stringify(problem.root)} is not in paths`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 60 ? text.slice(0, 57) + '...' : text}`;
}
