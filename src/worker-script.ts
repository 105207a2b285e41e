import { existsSync } from 'node:fs';

// A worker thread's script sits beside its pool module in the sources (./x.ts), and beside the bundle in dist/:
// ../x.js seen from a split chunk in dist/chunks/, ./x.js seen from a single-file bundle (dist/action.js).

/** The first of `base`'s candidate scripts that exists, or null (an unusual packaging: callers fall back). */
export function findWorkerScript(name: string, base: string): URL | null {
  for (const candidate of [`./${name}.ts`, `../${name}.js`, `./${name}.js`]) {
    const script = new URL(candidate, base);
    if (existsSync(script)) return script;
  }
  return null;
}
