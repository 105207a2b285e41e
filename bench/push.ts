// Push speed: `nixery copy BUCKET NAME:TAG docker://…` against `skopeo copy oci:BUCKET:NAME:TAG docker://…`, both
// reading the same bucket (an OCI layout) and writing to the same CNCF distribution registry (Debian's
// docker-registry 2.8) on loopback, in one run. Cold: a repository never pushed to (a fresh prefix each round).
// Warm: the same push again, every blob already there. Rounds alternate which tool goes first; the table gives
// medians of whole-process wall time.
//
//   node bench/push.ts                       3 alternating rounds
//   NIXERY_BENCH_ROUNDS=5 node bench/push.ts
//
// Needs: apt-get install -y docker-registry skopeo nix-bin busybox-static. Images are built through our CLI into
// bench/.cache/push/ (the 200 MiB store path of bench/registry/default.nix once; later runs reuse it).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDockerRegistry } from '../test/integration/support/docker-registry.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const CLI = join(ROOT, 'src/cli/main.ts');
const CACHE = join(HERE, '.cache', 'push');
const BUCKET = join(CACHE, 'bucket');
const ROUNDS = Number(process.env.NIXERY_BENCH_ROUNDS ?? 3);

const IMAGES = [
  { name: 'shell/hello', tag: 'v1', pkgs: join(ROOT, 'nix/examples'), label: 'shell/hello (1.0 MiB, 7 layers)' },
  { name: 'noise', tag: 'v1', pkgs: join(HERE, 'registry'), label: 'noise (200 MiB, 2 layers)' },
] as const;

type Tool = 'ours' | 'skopeo';

function seconds(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, NIX_CONFIG: 'substituters =' } });
  const elapsed = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return elapsed;
}

function push(tool: Tool, image: (typeof IMAGES)[number], host: string, prefix: string): number {
  if (tool === 'ours') {
    return seconds(process.execPath, [CLI, 'copy', BUCKET, `${image.name}:${image.tag}`, `docker://${host}/${prefix}`]);
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
    seconds(process.execPath, [CLI, 'build', image.name, '--pkgs-path', image.pkgs, '--storage', BUCKET, '--tag', image.tag]);
  }
  const registry = await startDockerRegistry({ logRequests: false });
  const times = new Map<string, number[]>();
  const record = (key: string, value: number) => times.set(key, [...(times.get(key) ?? []), value]);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order: Tool[] = round % 2 === 0 ? ['ours', 'skopeo'] : ['skopeo', 'ours'];
      for (const image of IMAGES) {
        for (const tool of order) {
          const prefix = `${tool}-round${round}`;
          record(`${image.name} ${tool} cold`, push(tool, image, registry.host, prefix));
          record(`${image.name} ${tool} warm`, push(tool, image, registry.host, prefix));
        }
      }
    }
  } finally {
    await registry.stop();
  }

  console.log(`\nmedian of ${ROUNDS} alternating rounds, whole-process wall time; ratio = ours / skopeo (lower is faster)\n`);
  console.log('| image | run | nixery copy | skopeo copy | ratio | goal | met |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const image of IMAGES) {
    for (const run of ['cold', 'warm'] as const) {
      const ours = median(times.get(`${image.name} ours ${run}`)!);
      const theirs = median(times.get(`${image.name} skopeo ${run}`)!);
      const goal = run === 'cold' ? 1.2 : 0.5;
      const ratio = ours / theirs;
      console.log(
        `| ${image.label} | ${run} | ${ours.toFixed(2)} s | ${theirs.toFixed(2)} s | ${ratio.toFixed(2)} | ≤ ${goal} | ${ratio <= goal ? 'yes' : '**no**'} |`,
      );
    }
  }
}

await main();
