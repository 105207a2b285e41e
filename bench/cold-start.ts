// Cold start of `nixery serve`: from spawning the process to the first 200 on /v2/, against the CNCF distribution
// registry (Debian's docker-registry) and two Node baselines, in alternating rounds on this machine:
//   - `node -e 0`: what any Node program pays before its first line (spawn to exit; its CPU time is read by the
//     one line it runs, so it is the same figure as `node -e 0`'s plus that read);
//   - a bare node:http server answering 200: the least a Node registry can cost;
//   - `docker-registry serve` over an empty folder;
//   - `node dist/cli.js serve` over an empty folder (the bundle users run), and `node dist/cli.js --help`.
// For each, the median wall time and the CPU time the process had used when the 200 arrived (summed over its
// threads from /proc/PID/task/*/schedstat, nanoseconds; `--help` exits too soon to be read).
//
//   node bench/cold-start.ts            15 rounds
//   node bench/cold-start.ts --rounds 31
//   node bench/cold-start.ts --cli /tmp/old/dist/cli.js     another build of ours, e.g. an earlier commit's dist/
//
// Needs: apt-get install -y docker-registry; `npm run build` first (it measures dist/).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../test/integration/support/free-port.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '15' }, cli: { type: 'string', default: join(ROOT, 'dist/cli.js') } },
});
const CLI = values.cli;
const ROUNDS = Number(values.rounds);

interface Sample {
  wallMs: number;
  cpuMs?: number;
}

interface Subject {
  label: string;
  /** A server: its command for a port; otherwise a command that exits (and may print its own CPU time). */
  server?: (port: number) => [string, string[]];
  exits?: [string, string[]];
}

/** CPU time of every thread of a process so far, in ms, from the scheduler's nanosecond counters. */
function cpuMsOf(pid: number | 'self'): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
  }
  return ns / 1e6;
}

/** `node -e` code that prints its own CPU time at its first line: what `node -e 0` costs, plus this read. */
const NODE_BASELINE = `const { readdirSync, readFileSync } = require('node:fs');
process.stdout.write(String((${cpuMsOf.toString()})('self')));`;

const work = mkdtempSync(join(tmpdir(), 'nixery-cold-start-'));
const bucket = join(work, 'bucket');
mkdirSync(bucket);
const registryConfig = join(work, 'registry.yml');
const bareServer = 'require("node:http").createServer((q, s) => s.end("{}")).listen(Number(process.argv[1]), "127.0.0.1")';

const SUBJECTS: Subject[] = [
  { label: 'node -e 0 (exits)', exits: [process.execPath, ['-e', NODE_BASELINE]] },
  { label: 'bare node:http server', server: (port) => [process.execPath, ['-e', bareServer, String(port)]] },
  { label: 'docker-registry serve', server: (port) => ['docker-registry', ['serve', registryConfigFor(port)]] },
  {
    label: 'nixery serve',
    server: (port) => [process.execPath, [CLI, 'serve', '--storage', bucket, '--host', '127.0.0.1', '--port', String(port)]],
  },
  { label: 'nixery --help (exits)', exits: [process.execPath, [CLI, '--help']] },
];

function registryConfigFor(port: number): string {
  writeFileSync(
    registryConfig,
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${bucket}\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  return registryConfig;
}

/** One GET /v2/ over a raw socket (no HTTP client warming up in this process); its status, or null if refused. */
function statusOf(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.on('connect', () => socket.write('GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
    });
    socket.on('error', () => resolve(null));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(reply)?.[1]) || null));
  });
}

async function serverSample(command: [string, string[]], port: number): Promise<Sample> {
  const started = performance.now();
  const child: ChildProcess = spawn(command[0], command[1], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${[command[0], ...command[1]].join(' ')} exited with ${child.exitCode}`);
      if ((await statusOf(port)) === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const wallMs = performance.now() - started;
    return { wallMs, cpuMs: cpuMsOf(child.pid as number) };
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

async function exitSample(command: [string, string[]]): Promise<Sample> {
  const started = performance.now();
  const child = spawn(command[0], command[1], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  const code = await new Promise((resolve) => child.once('close', resolve));
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`${[command[0], ...command[1]].join(' ')} exited with ${code}`);
  const printed = Number(out);
  return out !== '' && Number.isFinite(printed) ? { wallMs, cpuMs: printed } : { wallMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const samples = new Map<string, Sample[]>(SUBJECTS.map((s) => [s.label, []]));
// One untimed run each first: V8's compile cache for dist/ is written by the first run after a build.
for (let round = -1; round < ROUNDS; round++) {
  for (const subject of SUBJECTS) {
    const port = await freePort();
    const sample = subject.server ? await serverSample(subject.server(port), port) : await exitSample(subject.exits as [string, string[]]);
    if (round >= 0) samples.get(subject.label)?.push(sample);
  }
}
rmSync(work, { recursive: true, force: true });

const wall = (label: string) => median((samples.get(label) ?? []).map((s) => s.wallMs));
const cpu = (label: string) => {
  const cpus = (samples.get(label) ?? []).flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs]));
  return cpus.length ? median(cpus) : undefined;
};
const BASELINE = 'node -e 0 (exits)';
const ms = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(1)} ms`);
const beyond = (value: number | undefined, base: number | undefined) =>
  value === undefined || base === undefined ? undefined : value - base;
console.log(
  `cold start, medians of ${ROUNDS} alternating rounds; ${cpus().length} cores, load ${(loadavg()[0] ?? 0).toFixed(2)}, node ${process.version}`,
);
console.log('| process | wall to first 200 (or exit) | beyond `node -e 0` | CPU time by then | CPU beyond `node -e 0` |');
console.log('|---|---:|---:|---:|---:|');
for (const { label } of SUBJECTS) {
  console.log(
    `| ${label} | ${ms(wall(label))} | ${ms(wall(label) - wall(BASELINE))} | ${ms(cpu(label))} | ${ms(beyond(cpu(label), cpu(BASELINE)))} |`,
  );
}
