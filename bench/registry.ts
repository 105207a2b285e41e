// Read-path speed of `nixery serve` against the CNCF distribution registry (Debian's docker-registry 2.8),
// serving the same images on this machine in one run, loopback only, fixed durations:
//   - wrk on manifest GETs by tag, with the Accept header containerd sends;
//   - wrk on a ~1 MB blob (busybox's layer) and on a 200 MiB incompressible blob (1 and 2 connections);
//   - `skopeo copy` of a whole image (small and large), median of several alternating runs.
// Both servers run with access logging off where they can: distribution with accesslog disabled, ours writing
// its request log to /dev/null (it has no switch; the JSON lines are still made and written).
//
//   node bench/registry.ts                 5 s per wrk run, 3 alternating rounds
//   NIXERY_BENCH_SECONDS=10 NIXERY_BENCH_ROUNDS=5 node bench/registry.ts
//
// Needs: apt-get install -y docker-registry wrk skopeo nix-bin busybox-static. Images are built through our CLI
// into bench/.cache/registry/ (the 200 MiB store path once; later runs reuse it).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/integration/support/free-port.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const CLI = join(ROOT, 'src/cli/main.ts');
const CACHE = join(HERE, '.cache', 'registry');
const BUCKET = join(CACHE, 'bucket');
const SECONDS = Number(process.env.NIXERY_BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.NIXERY_BENCH_ROUNDS ?? 3);
const COPY_RUNS = Number(process.env.NIXERY_BENCH_COPIES ?? 3);
/** What containerd asks for when it resolves a tag. */
const MANIFEST_ACCEPT =
  'application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json, ' +
  'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, */*';

const IMAGES = [
  { name: 'shell/hello', tag: 'v1', pkgs: join(ROOT, 'nix/examples') },
  { name: 'noise', tag: 'v1', pkgs: join(HERE, 'registry') },
] as const;

interface Target {
  label: string;
  base: string;
  host: string;
}

interface WrkResult {
  requestsPerSecond: number;
  mibPerSecond: number;
  p50ms: number;
  p99ms: number;
}

interface Scenario {
  name: string;
  path: string;
  connections: number;
  headers: string[];
}

async function main(): Promise<void> {
  requireTools(
    ['docker-registry', 'apt-get install -y docker-registry'],
    ['wrk', 'apt-get install -y wrk'],
    ['skopeo', 'apt-get install -y skopeo'],
    ['nix-build', 'apt-get install -y nix-bin'],
  );
  mkdirSync(CACHE, { recursive: true });
  console.log(
    `registry bench: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const image of IMAGES) {
    console.log(`building ${image.name}:${image.tag} with nixery build ...`);
    run(process.execPath, [CLI, 'build', image.name, '--pkgs-path', image.pkgs, '--storage', BUCKET, '--tag', image.tag]);
  }

  const children: ChildProcess[] = [];
  const stopAll = (): void => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('exit', stopAll);
  try {
    const ours = await startNixery(children);
    const peer = await startDistribution(children);
    for (const image of IMAGES) {
      const ref = `${image.name}:${image.tag}`;
      run('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${BUCKET}:${ref}`, `docker://${peer.host}/${ref}`]);
    }

    // Both must serve the same bytes, or the comparison means nothing.
    const small = await manifestOf(ours, 'shell/hello', 'v1');
    const large = await manifestOf(ours, 'noise', 'v1');
    for (const [name, manifest] of [
      ['shell/hello', small],
      ['noise', large],
    ] as const) {
      const theirs = await manifestOf(peer, name, 'v1');
      if (theirs.digest !== manifest.digest) throw new Error(`${name}: distribution serves ${theirs.digest}, we serve ${manifest.digest}`);
    }
    const oneMb = small.layers.reduce((a, b) => (Math.abs(b.size - 2 ** 20) < Math.abs(a.size - 2 ** 20) ? b : a));
    const big = large.layers.reduce((a, b) => (b.size > a.size ? b : a));
    const scenarios: Scenario[] = [
      { name: 'manifest GET by tag', path: '/v2/shell/hello/manifests/v1', connections: 32, headers: [`Accept: ${MANIFEST_ACCEPT}`] },
      { name: `blob GET, ${mib(oneMb.size)} MiB`, path: `/v2/shell/hello/blobs/${oneMb.digest}`, connections: 8, headers: [] },
      { name: `blob GET, ${mib(big.size)} MiB`, path: `/v2/noise/blobs/${big.digest}`, connections: 1, headers: [] },
      { name: `blob GET, ${mib(big.size)} MiB`, path: `/v2/noise/blobs/${big.digest}`, connections: 2, headers: [] },
    ];
    // A first GET of each blob on both sides: ours checks a blob's digest once per process, and both warm the page cache.
    for (const target of [ours, peer]) for (const s of scenarios) await drain(`${target.base}${s.path}`, s.headers);

    const rows: string[][] = [];
    const results: Record<string, { ours: WrkResult[]; peer: WrkResult[] }> = {};
    for (const scenario of scenarios) {
      const key = `${scenario.name} c=${scenario.connections}`;
      results[key] = { ours: [], peer: [] };
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate who goes first, so drift in the machine's load does not favour one side.
        const order = round % 2 === 0 ? [ours, peer] : [peer, ours];
        for (const target of order) {
          const result = wrk(`${target.base}${scenario.path}`, scenario.connections, scenario.headers);
          results[key]![target === ours ? 'ours' : 'peer'].push(result);
        }
      }
      const o = medianBy(results[key]!.ours, (r) => r.requestsPerSecond);
      const p = medianBy(results[key]!.peer, (r) => r.requestsPerSecond);
      const manifest = scenario.name.startsWith('manifest');
      const ratio = o.requestsPerSecond / p.requestsPerSecond;
      const target = manifest ? 5 : 1;
      rows.push([
        `${scenario.name} (c=${scenario.connections})`,
        manifest ? `${fmt(o.requestsPerSecond)} req/s` : `${fmt(o.mibPerSecond)} MiB/s`,
        manifest ? `${fmt(p.requestsPerSecond)} req/s` : `${fmt(p.mibPerSecond)} MiB/s`,
        `${ratio.toFixed(2)}×`,
        `≥ ${target}×`,
        ratio >= target ? 'yes' : '**no**',
        `${o.p50ms.toFixed(2)} / ${o.p99ms.toFixed(2)}`,
        `${p.p50ms.toFixed(2)} / ${p.p99ms.toFixed(2)}`,
      ]);
    }

    for (const image of IMAGES) {
      const times = { ours: [] as number[], peer: [] as number[] };
      for (let i = 0; i < COPY_RUNS; i++) {
        const order = i % 2 === 0 ? [ours, peer] : [peer, ours];
        for (const target of order) times[target === ours ? 'ours' : 'peer'].push(skopeoCopy(target, `${image.name}:${image.tag}`));
      }
      const o = median(times.ours);
      const p = median(times.peer);
      const ratio = p / o;
      rows.push([
        `skopeo copy ${image.name}:${image.tag} (${mib(image.name === 'noise' ? large.total : small.total)} MiB)`,
        `${o.toFixed(2)} s`,
        `${p.toFixed(2)} s`,
        `${ratio.toFixed(2)}×`,
        '≥ 1×',
        ratio >= 1 ? 'yes' : '**no**',
        '',
        '',
      ]);
    }

    console.log(
      `\n${SECONDS} s per wrk run (wrk -t1), median of ${ROUNDS} alternating rounds; skopeo copy median of ${COPY_RUNS}. Ratio: ours vs distribution, higher is better.\n`,
    );
    console.log(
      table(['scenario', 'nixery serve', 'distribution 2.8', 'ratio', 'target', 'met', 'ours p50/p99 ms', 'theirs p50/p99 ms'], rows),
    );
  } finally {
    stopAll();
  }
}

async function startNixery(children: ChildProcess[]): Promise<Target> {
  const port = await freePort();
  // The request log goes to /dev/null: distribution's access log is off too.
  const child = spawn(process.execPath, [CLI, 'serve', '--storage', BUCKET, '--port', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return waitUp({ label: 'nixery', base: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` }, child);
}

async function startDistribution(children: ChildProcess[]): Promise<Target> {
  const port = await freePort();
  const data = join(CACHE, 'distribution');
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });
  const config = join(CACHE, 'distribution.yml');
  // Its own recommended setup (Debian's config.yml has the in-memory blob descriptor cache), minus auth and logs.
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log: {level: error, accesslog: {disabled: true}}',
      `storage: {filesystem: {rootdirectory: ${data}}, cache: {blobdescriptor: inmemory}}`,
      `http: {addr: 127.0.0.1:${port}}`,
      '',
    ].join('\n'),
  );
  // Its error log is noisy while skopeo pushes (every HEAD of a new blob is a logged 404): keep it in a file.
  const log = openSync(join(CACHE, 'distribution.log'), 'w');
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', log] });
  children.push(child);
  return waitUp({ label: 'distribution', base: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}` }, child);
}

async function waitUp(target: Target, child: ChildProcess): Promise<Target> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${target.label} exited with ${child.exitCode} before it answered`);
    const ok = await fetch(`${target.base}/v2/`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return target;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${target.label} did not answer at ${target.base}/v2/ within 10 s`);
}

async function manifestOf(
  target: Target,
  name: string,
  tag: string,
): Promise<{ digest: string; layers: { digest: string; size: number }[]; total: number }> {
  const response = await fetch(`${target.base}/v2/${name}/manifests/${tag}`, { headers: { Accept: MANIFEST_ACCEPT } });
  if (response.status !== 200) throw new Error(`${target.label}: GET ${name}:${tag} answered ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const manifest = JSON.parse(bytes.toString()) as { config: { size: number }; layers: { digest: string; size: number }[] };
  const total = bytes.length + manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
  return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, layers: manifest.layers, total };
}

async function drain(url: string, headers: string[]): Promise<void> {
  const response = await fetch(url, { headers: Object.fromEntries(headers.map((h) => h.split(/:\s*/, 2) as [string, string])) });
  if (response.status !== 200) throw new Error(`warm-up GET ${url} answered ${response.status}`);
  for await (const _chunk of response.body!) {
    // read to the end
  }
}

const WRK_REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.bytes, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
`;

function wrk(url: string, connections: number, headers: string[]): WrkResult {
  const script = join(CACHE, 'report.lua');
  writeFileSync(script, WRK_REPORT);
  const args = ['-t1', `-c${connections}`, `-d${SECONDS}s`, '--timeout', '30s', '-s', script, ...headers.flatMap((h) => ['-H', h]), url];
  const out = run('wrk', args);
  const match = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
  if (!match) throw new Error(`wrk printed no result:\n${out}`);
  const [requests, bytes, micros, p50, p99, badStatus, socketErrors] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (badStatus > 0 || socketErrors > 0) throw new Error(`wrk ${url}: ${badStatus} non-2xx answers and ${socketErrors} socket errors`);
  const seconds = micros / 1e6;
  return { requestsPerSecond: requests / seconds, mibPerSecond: bytes / seconds / 2 ** 20, p50ms: p50 / 1000, p99ms: p99 / 1000 };
}

function skopeoCopy(target: Target, ref: string): number {
  const dest = join(CACHE, 'pulled');
  rmSync(dest, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  run('skopeo', ['copy', '--quiet', '--src-tls-verify=false', `docker://${target.host}/${ref}`, `dir:${dest}`]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(dest, { recursive: true, force: true });
  return seconds;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

function requireTools(...tools: [string, string][]): void {
  const missing = tools.filter(([tool]) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length) throw new Error(`the registry bench needs: ${missing.map(([tool, hint]) => `${tool} (${hint})`).join(', ')}`);
  if (!existsSync('/bin/busybox'))
    throw new Error('the registry bench builds from nix/examples, which needs /bin/busybox (apt-get install -y busybox-static)');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function medianBy<T>(values: T[], key: (value: T) => number): T {
  return [...values].sort((a, b) => key(a) - key(b))[Math.floor(values.length / 2)]!;
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 2 : 0);
}

function fmt(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

await main();
