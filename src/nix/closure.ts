// The runtime closure of an image, as Nix reports it. This is also the stdin format of `nixery layers`.
export interface StorePathInfo {
  /** Size of the path's NAR serialisation in bytes: a close proxy for its size in a layer. */
  narSize: number;
  /** Store paths this path refers to (may include itself). */
  references: string[];
}

export interface ClosureGraph {
  /** The store paths the image asked for; everything else is pulled in through references. */
  roots: string[];
  paths: Record<string, StorePathInfo>;
}

/**
 * Parses `nix path-info --json --recursive` output into a ClosureGraph. Nix 2.8 prints a
 * list of `{path, narSize, references, ...}`; newer Nix prints an object keyed by path.
 */
export function closureFromPathInfo(json: unknown, roots: string[]): ClosureGraph {
  const entries: Array<[string, unknown]> = Array.isArray(json)
    ? json.map((item, i) => [pathOf(item, i), item])
    : isObject(json)
      ? Object.entries(json)
      : invalid('expected a JSON list or object');

  const paths: Record<string, StorePathInfo> = {};
  for (const [path, info] of entries) {
    if (!isObject(info)) invalid(`entry for ${path} is not an object (is the path valid in the store?)`);
    const { narSize, references } = info;
    if (typeof narSize !== 'number' || !Number.isFinite(narSize) || narSize < 0) {
      invalid(`${path} has no valid narSize`);
    }
    if (!Array.isArray(references) || !references.every((r) => typeof r === 'string')) {
      invalid(`${path} has no valid references list`);
    }
    paths[path] = { narSize, references: [...(references as string[])].sort() };
  }

  // A recursive query returns the whole closure; anything missing means a partial answer.
  for (const root of roots) if (!paths[root]) invalid(`root ${root} is missing`);
  for (const [path, info] of Object.entries(paths)) {
    for (const ref of info.references) if (!paths[ref]) invalid(`${path} refers to ${ref}, which is missing`);
  }
  return { roots: [...roots], paths };
}

function pathOf(item: unknown, index: number): string {
  if (isObject(item) && typeof item.path === 'string') return item.path;
  return invalid(`list entry ${index} has no "path"`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(why: string): never {
  throw new Error(`unexpected output from nix path-info --json: ${why}`);
}
