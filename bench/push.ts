// Push speed: `nixery copy BUCKET NAME:TAG docker://…` (the bundled CLI, dist/cli.js, as users run it) against
// `skopeo copy oci:BUCKET:NAME:TAG docker://…`, both reading the same bucket (an OCI layout) and writing to the same
// CNCF distribution registry (Debian's docker-registry 2.8) in one run, on two networks: loopback, and through a
// proxy that holds every request for a round trip (a registry LATENCY_MS away, as ghcr.io is from a CI runner).
// Cold: an empty registry, started afresh each round (so neither tool can mount from an earlier push, and skopeo's
// blob-info cache knows nothing of it). Warm: the same push again, every blob already there. Rounds alternate which
// tool goes first; the table gives medians of whole-process wall time.
//
//   npm run build && node bench/push.ts             3 alternating rounds, 20 ms round trips
//   NIXERY_BENCH_ROUNDS=5 NIXERY_BENCH_LATENCY_MS=50 node bench/push.ts
//
// Needs: apt-get install -y docker-registry skopeo nix-bin busybox-static. Images are built through our CLI into
// bench/.cache/push/ (the 200 MiB store path of bench/registry/default.nix once; later runs reuse it).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDockerRegistry } from '../test/integration/support/docker-registry.ts';
import { startFlakyProxy } from '../test/integration/support/flaky-proxy.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const CLI = join(ROOT, 'src/cli/main.ts');
const BUNDLE = join(ROOT, 'dist/cli.js');
const CACHE = join(HERE, '.cache', 'push');
const BUCKET = join(CACHE, 'bucket');
const ROUNDS = Number(process.env.NIXERY_BENCH_ROUNDS ?? 3);
const LATENCY_MS = Number(process.env.NIXERY_BENCH_LATENCY_MS ?? 20);

const IMAGES = [
  { name: 'shell/hello', tag: 'v1', pkgs: join(ROOT, 'nix/examples'), label: 'shell/hello (1.0 MiB, 7 layers)' },
  { name: 'noise', tag: 'v1', pkgs: join(HERE, 'registry'), label: 'noise (200 MiB, 2 layers)' },
] as const;

type Tool = 'ours' | 'skopeo';

/** Wall time of one command. Asynchronous: the latency proxy runs in this process and must keep serving. */
async function seconds(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, NIX_CONFIG: 'substituters =' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const elapsed = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${stderr}`);
  return elapsed;
}

function push(tool: Tool, image: (typeof IMAGES)[number], host: string, prefix: string): Promise<number> {
  if (tool === 'ours') {
    return seconds(process.execPath, [BUNDLE, 'copy', BUCKET, `${image.name}:${image.tag}`, `docker://${host}/${prefix}`]);
  }
  return seconds('skopeo', [
    'copy',
    '--quiet',
    '--dest-tls-verify=false',
    `oci:${BUCKET}:${image.name}:${image.tag}`,
    `docker://${host}/${prefix}/${image.name}:${image.tag}`,
  ]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  console.log(
    `push bench: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const image of IMAGES) {
    console.log(`building ${image.name}:${image.tag} with nixery build ...`);
    await seconds(process.execPath, [CLI, 'build', image.name, '--pkgs-path', image.pkgs, '--storage', BUCKET, '--tag', image.tag]);
  }
  const networks = [
    { name: 'loopback', latencyMs: 0 },
    { name: `${LATENCY_MS} ms round trip`, latencyMs: LATENCY_MS },
  ];
  const times = new Map<string, number[]>();
  const record = (key: string, value: number) => times.set(key, [...(times.get(key) ?? []), value]);
  for (let round = 0; round < ROUNDS; round++) {
    const order: Tool[] = round % 2 === 0 ? ['ours', 'skopeo'] : ['skopeo', 'ours'];
    for (const network of networks) {
      const registry = await startDockerRegistry({ logRequests: false });
      const proxy = network.latencyMs ? await startFlakyProxy({ target: registry.url, latencyMs: network.latencyMs }) : undefined;
      const host = proxy?.host ?? registry.host;
      try {
        for (const image of IMAGES) {
          for (const tool of order) {
            record(`${network.name} ${image.name} ${tool} cold`, await push(tool, image, host, tool));
            record(`${network.name} ${image.name} ${tool} warm`, await push(tool, image, host, tool));
          }
        }
      } finally {
        await proxy?.stop();
        await registry.stop();
      }
    }
  }

  console.log(`\nmedian of ${ROUNDS} alternating rounds, whole-process wall time; ratio = ours / skopeo (lower is faster)\n`);
  console.log('| network | image | run | nixery copy | skopeo copy | ratio | goal | met |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const network of networks) {
    for (const image of IMAGES) {
      for (const run of ['cold', 'warm'] as const) {
        const ours = median(times.get(`${network.name} ${image.name} ours ${run}`)!);
        const theirs = median(times.get(`${network.name} ${image.name} skopeo ${run}`)!);
        const goal = run === 'cold' ? 1.2 : 0.5;
        const ratio = ours / theirs;
        console.log(
          `| ${network.name} | ${image.label} | ${run} | ${ours.toFixed(2)} s | ${theirs.toFixed(2)} s | ${ratio.toFixed(2)} | ≤ ${goal} | ${ratio <= goal ? 'yes' : '**no**'} |`,
        );
      }
    }
  }
}

await main();
