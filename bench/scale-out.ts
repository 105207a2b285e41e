// `serve --build` scaled out: 16 concurrent pulls (manifest GETs by tag, as a pull asks first) of a name no replica
// has built, spread over 4 replicas sharing one folder bucket, against the same burst on 1 replica. Every replica
// is the real CLI in its own process; Nix builds are counted by a nix-build wrapper on their PATH. Each run gets a
// new package (a random nonce in its derivation), so Nix really builds every time. Two builds: one that is quick
// (the coordination dominates) and one whose builder sleeps 5 s (a real build dominates).
//
//   node bench/scale-out.ts                  3 runs of each
//   NIXERY_BENCH_ROUNDS=5 node bench/scale-out.ts
//
// Needs: nix-bin and busybox-static (.ci/setup).
import { mkdtempSync, rmSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { concurrentPulls, countedNix, slowPackageSet, startReplicas } from '../test/integration/support/replicas.ts';

const CLIENTS = 16;
const ROUNDS = Number(process.env.NIXERY_BENCH_ROUNDS ?? 3);
const work = mkdtempSync(path.join(tmpdir(), 'nixery-bench-scale-out-'));
await chmod(work, 0o755);

interface Run {
  seconds: number;
  builds: number;
  ok: number;
  digests: number;
}

async function burst(replicaCount: number, sleepSeconds: number, round: number): Promise<Run> {
  const dir = path.join(work, `r${replicaCount}-s${sleepSeconds}-${round}`);
  const nix = await countedNix(dir);
  const packages = await slowPackageSet(path.join(dir, 'packages'), sleepSeconds);
  const replicas = await startReplicas(replicaCount, { storage: path.join(dir, 'bucket'), packages, nix });
  try {
    const started = performance.now();
    const pulls = await concurrentPulls(replicas, CLIENTS, 'slowpoke', 'latest');
    const seconds = (performance.now() - started) / 1000;
    return {
      seconds,
      builds: await nix.builds(),
      ok: pulls.filter((p) => p.status === 200).length,
      digests: new Set(pulls.map((p) => p.digest)).size,
    };
  } finally {
    await Promise.all(replicas.map((serve) => serve.stop()));
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

console.log(
  `scale-out bench: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${ROUNDS} rounds, ${CLIENTS} clients`,
);
const rows: string[][] = [];
try {
  for (const sleepSeconds of [0, 5]) {
    const results = new Map<number, Run[]>([
      [1, []],
      [4, []],
    ]);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first, so drift in the machine's load does not favour one side.
      for (const count of round % 2 === 0 ? [1, 4] : [4, 1]) results.get(count)!.push(await burst(count, sleepSeconds, round));
    }
    for (const [count, runs] of results) {
      rows.push([
        sleepSeconds === 0 ? 'quick build' : `builder sleeps ${sleepSeconds}s`,
        String(count),
        median(runs.map((r) => r.seconds)).toFixed(2),
        `${Math.min(...runs.map((r) => r.seconds)).toFixed(2)}–${Math.max(...runs.map((r) => r.seconds)).toFixed(2)}`,
        runs.map((r) => r.builds).join(' '),
        `${runs.reduce((n, r) => n + r.ok, 0)}/${runs.length * CLIENTS}`,
        runs.map((r) => r.digests).join(' '),
      ]);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const header = ['build', 'replicas', 'median s', 'range s', 'nix-builds per run', 'pulls 200', 'digests per run'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
