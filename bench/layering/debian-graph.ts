// Debian's package graph as a stand-in for a nixpkgs closure universe: real names, real sizes, real
// dependency shapes. Parsed from `apt-cache dumpavail` and cached so runs on one machine agree.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Universe {
  /** Package name -> installed size in bytes. */
  size: Map<string, number>;
  /** Package name -> direct dependencies (acyclic, sorted, no self). */
  deps: Map<string, string[]>;
}

const CACHE_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'debian-graph.json');

export function loadDebianUniverse(): Universe {
  if (!existsSync(CACHE_FILE)) {
    let text: string;
    try {
      text = execFileSync('apt-cache', ['dumpavail'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    } catch (error) {
      throw new Error(`apt-cache dumpavail failed (${(error as Error).message}); run "apt-get update" first`);
    }
    const parsed = parseDumpavail(text);
    if (parsed.size < 1000) throw new Error(`apt-cache dumpavail listed only ${parsed.size} packages; run "apt-get update" first`);
    mkdirSync(dirname(CACHE_FILE), { recursive: true });
    writeFileSync(CACHE_FILE, JSON.stringify(Object.fromEntries([...parsed].map(([n, p]) => [n, [p.size, p.deps]]))));
  }
  const cached = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as Record<string, [number, string[]]>;
  const size = new Map<string, number>();
  const rawDeps = new Map<string, string[]>();
  for (const name of Object.keys(cached).sort()) {
    const [bytes, deps] = cached[name]!;
    size.set(name, bytes);
    rawDeps.set(name, deps);
  }
  return { size, deps: breakCycles(rawDeps) };
}

function parseDumpavail(text: string): Map<string, { size: number; deps: string[] }> {
  const stanzas = new Map<string, { size: number; depText: string }>();
  for (const stanza of text.split(/\n\n+/)) {
    const fields = new Map<string, string>();
    let last = '';
    for (const line of stanza.split('\n')) {
      if (line.startsWith(' ') || line.startsWith('\t')) {
        if (last) fields.set(last, fields.get(last)! + ' ' + line.trim());
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon);
      fields.set(last, line.slice(colon + 1).trim());
    }
    const name = fields.get('Package');
    if (!name || stanzas.has(name)) continue; // first stanza wins, like apt's candidate
    const depText = [fields.get('Pre-Depends'), fields.get('Depends')].filter(Boolean).join(', ');
    stanzas.set(name, { size: Number(fields.get('Installed-Size') ?? '0') * 1024, depText });
  }
  const result = new Map<string, { size: number; deps: string[] }>();
  for (const [name, { size, depText }] of stanzas) {
    const deps = new Set<string>();
    for (const clause of depText.split(',')) {
      const first = clause
        .split('|')[0]!
        .replace(/\(.*?\)|\[.*?\]|<.*?>/g, '')
        .trim()
        .replace(/:.*$/, '');
      if (first && first !== name && stanzas.has(first)) deps.add(first);
    }
    result.set(name, { size: Number.isFinite(size) ? size : 0, deps: [...deps].sort() });
  }
  return result;
}

/** Nix closures are acyclic; drop DFS back edges, visiting names and edges in sorted order. */
function breakCycles(deps: Map<string, string[]>): Map<string, string[]> {
  const state = new Map<string, 1 | 2>(); // 1 = on stack, 2 = done
  const kept = new Map<string, string[]>();
  for (const start of deps.keys()) {
    if (state.has(start)) continue;
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    state.set(start, 1);
    kept.set(start, []);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const children = deps.get(top.name)!;
      if (top.next === children.length) {
        state.set(top.name, 2);
        stack.pop();
        continue;
      }
      const child = children[top.next++]!;
      const s = state.get(child);
      if (s === 1) continue; // back edge
      kept.get(top.name)!.push(child);
      if (s === undefined) {
        state.set(child, 1);
        kept.set(child, []);
        stack.push({ name: child, next: 0 });
      }
    }
  }
  return kept;
}
