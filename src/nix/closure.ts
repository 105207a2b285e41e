// The runtime closure of an image, as Nix reports it. This is also the stdin format of `nixery layers`.
export interface StorePathInfo {
  /** Size of the path's NAR serialisation in bytes: a close proxy for its size in a layer. */
  narSize: number;
  /** Store paths this path refers to (may include itself). */
  references: string[];
  /** The NAR's hash as Nix prints it (SRI `sha256-…`, or `sha256:` + base-32 or hex); kept when Nix gives one. */
  narHash?: string;
}

export interface ClosureGraph {
  /** The store paths the image asked for; everything else is pulled in through references. */
  roots: string[];
  paths: Record<string, StorePathInfo>;
}

/** One thing wrong with a closure graph; each reader words it for its own input. */
export type ClosureGraphProblem =
  | { kind: 'path-not-absolute'; path: string }
  | { kind: 'info-not-object'; path: string; value: unknown }
  | { kind: 'bad-nar-size'; path: string; value: unknown }
  | { kind: 'references-not-array'; path: string; value: unknown }
  | { kind: 'reference-not-string'; path: string; index: number; value: unknown }
  | { kind: 'reference-missing'; path: string; index: number; reference: string }
  | { kind: 'root-not-string'; index: number; value: unknown }
  | { kind: 'root-missing'; index: number; root: string };

/**
 * Checks untrusted per-path info and roots and builds the graph: every path absolute, every narSize a
 * non-negative integer, every reference and root one of the paths (a closure is whole or it is wrong).
 * Unknown extra fields (Nix prints many) are dropped. `fail` turns the first problem into the caller's error.
 */
export function checkClosureGraph(
  rawPaths: Iterable<[string, unknown]>,
  rawRoots: readonly unknown[],
  fail: (problem: ClosureGraphProblem) => never,
): ClosureGraph {
  const entries = [...rawPaths];
  const known = new Set(entries.map(([path]) => path));
  const paths: Record<string, StorePathInfo> = {};
  for (const [path, info] of entries) {
    if (!isStorePath(path)) fail({ kind: 'path-not-absolute', path });
    if (!isPlainObject(info)) fail({ kind: 'info-not-object', path, value: info });
    const { narSize, references } = info;
    if (typeof narSize !== 'number' || !Number.isSafeInteger(narSize) || narSize < 0) fail({ kind: 'bad-nar-size', path, value: narSize });
    if (!Array.isArray(references)) fail({ kind: 'references-not-array', path, value: references });
    references.forEach((reference: unknown, index: number) => {
      if (typeof reference !== 'string') fail({ kind: 'reference-not-string', path, index, value: reference });
      if (!known.has(reference)) fail({ kind: 'reference-missing', path, index, reference });
    });
    const { narHash } = info;
    paths[path] = { narSize, references: [...(references as string[])], ...(typeof narHash === 'string' ? { narHash } : {}) };
  }
  rawRoots.forEach((root, index) => {
    if (typeof root !== 'string') fail({ kind: 'root-not-string', index, value: root });
    if (!known.has(root)) fail({ kind: 'root-missing', index, root });
  });
  return { roots: [...(rawRoots as string[])], paths };
}

/**
 * Parses `nix path-info --json --recursive` output into a ClosureGraph. Nix 2.8 prints a
 * list of `{path, narSize, references, ...}`; newer Nix prints an object keyed by path.
 */
export function closureFromPathInfo(json: unknown, roots: string[]): ClosureGraph {
  const entries: Array<[string, unknown]> = Array.isArray(json)
    ? json.map((item, i) => [pathOf(item, i), item])
    : isPlainObject(json)
      ? Object.entries(json)
      : invalid('expected a JSON list or object');
  // A recursive query returns the whole closure; anything missing means a partial answer.
  const graph = checkClosureGraph(entries, roots, pathInfoProblem);
  for (const info of Object.values(graph.paths)) info.references.sort();
  return graph;
}

function pathInfoProblem(problem: ClosureGraphProblem): never {
  switch (problem.kind) {
    case 'path-not-absolute':
      return invalid(`${problem.path} is not an absolute store path`);
    case 'info-not-object':
      return invalid(`entry for ${problem.path} is not an object (is the path valid in the store?)`);
    case 'bad-nar-size':
      return invalid(`${problem.path} has no valid narSize`);
    case 'references-not-array':
    case 'reference-not-string':
      return invalid(`${problem.path} has no valid references list`);
    case 'reference-missing':
      return invalid(`${problem.path} refers to ${problem.reference}, which is missing`);
    case 'root-not-string':
      return invalid(`root ${problem.index} is not a string`);
    case 'root-missing':
      return invalid(`root ${problem.root} is missing`);
  }
}

function pathOf(item: unknown, index: number): string {
  if (isPlainObject(item) && typeof item.path === 'string') return item.path;
  return invalid(`list entry ${index} has no "path"`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStorePath(path: string): boolean {
  return path.startsWith('/') && path.length > 1 && !path.includes('\0') && !path.split('/').includes('..');
}

function invalid(why: string): never {
  throw new Error(`unexpected output from nix path-info --json: ${why}`);
}
