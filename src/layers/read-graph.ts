// Validates the untrusted closure graph that `nixery layers` reads on stdin, so the planner only
// ever sees a well-formed graph and users get an error that points at the bad field.
import type { ClosureGraph, StorePathInfo } from '../nix/closure.ts';

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
  if (!isPlainObject(value.paths)) throw new Error(`closure graph "paths" must be an object keyed by store path, got ${describe(value.paths)}`);
  if (!Array.isArray(value.roots)) throw new Error(`closure graph "roots" must be an array of store paths, got ${describe(value.roots)}`);

  const rawPaths = value.paths;
  const paths: Record<string, StorePathInfo> = {};
  for (const path of Object.keys(rawPaths)) {
    if (!isStorePath(path)) throw new Error(`paths key ${JSON.stringify(path)} is not an absolute store path`);
    const info = rawPaths[path];
    const where = `paths[${JSON.stringify(path)}]`;
    if (!isPlainObject(info)) throw new Error(`${where} must be an object with "narSize" and "references", got ${describe(info)}`);
    if (!Number.isSafeInteger(info.narSize) || (info.narSize as number) < 0) {
      throw new Error(`${where}.narSize must be a non-negative integer, got ${describe(info.narSize)}`);
    }
    if (!Array.isArray(info.references)) throw new Error(`${where}.references must be an array of store paths, got ${describe(info.references)}`);
    const references: string[] = [];
    info.references.forEach((ref: unknown, i: number) => {
      if (typeof ref !== 'string') throw new Error(`${where}.references[${i}] must be a string, got ${describe(ref)}`);
      if (!Object.hasOwn(rawPaths, ref)) {
        throw new Error(`${where}.references[${i}] ${JSON.stringify(ref)} is not in paths; the graph must hold the whole closure`);
      }
      references.push(ref);
    });
    paths[path] = { narSize: info.narSize as number, references };
  }

  const roots: string[] = [];
  value.roots.forEach((root: unknown, i: number) => {
    if (typeof root !== 'string') throw new Error(`roots[${i}] must be a string, got ${describe(root)}`);
    if (!Object.hasOwn(rawPaths, root)) throw new Error(`roots[${i}] ${JSON.stringify(root)} is not in paths`);
    roots.push(root);
  });
  return { roots, paths };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStorePath(path: string): boolean {
  return path.startsWith('/') && path.length > 1 && !path.includes('\0') && !path.split('/').includes('..');
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 60 ? text.slice(0, 57) + '...' : text}`;
}
