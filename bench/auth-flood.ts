// The registry under a password flood: how fast /healthz and token-authenticated /v2/ answer with no load and
// while 32 connections send wrong passwords for an existing htpasswd user (bcrypt cost 10), how long a wrong
// password and an unknown user take, and how many flood requests the server answers per second.
//
// The server runs in its own process (so the measuring client is not slowed by the server's event loop), built
// from the sources under --root: point it at another checkout to compare, e.g. the commit before a change:
//
//   git worktree add /tmp/nixery-before HEAD~1 && ln -s "$PWD/node_modules" /tmp/nixery-before/node_modules
//   node bench/auth-flood.ts --root /tmp/nixery-before
//   node bench/auth-flood.ts
//
// Two server configurations: "lifted" raises the per-address and per-user failure limits out of the way (what the
// worker pool alone does); "default" keeps them (a single-address flood soon gets 429). Older sources ignore the
// options they do not know, so both configurations are the same server there.
//   NIXERY_BENCH_SECONDS=8 (flood phase length), NIXERY_BENCH_SAMPLES=200 (no-flood samples per endpoint)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import bcrypt from 'bcryptjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const TOKEN = 'bench-token-0123456789abcdef';
const PASSWORD = 'correct horse battery staple';
const SECONDS = Number(process.env.NIXERY_BENCH_SECONDS ?? 8);
const SAMPLES = Number(process.env.NIXERY_BENCH_SAMPLES ?? 200);
const FLOOD_CONNECTIONS = 32;

const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const ROOT = resolve(rootArg >= 0 ? args[rootArg + 1]! : join(HERE, '..'));

/** Child: the registry from ROOT's sources, on loopback; prints its port. */
async function serve(): Promise<void> {
  const src = (file: string) => pathToFileURL(join(ROOT, 'src', file)).href;
  const { Authenticator } = (await import(src('registry/auth.ts'))) as typeof import('../src/registry/auth.ts');
  const { RegistryServer } = (await import(src('registry/server.ts'))) as typeof import('../src/registry/server.ts');
  const { RegistryLog } = (await import(src('registry/log.ts'))) as typeof import('../src/registry/log.ts');
  const { ImageStore } = (await import(src('storage/image-store.ts'))) as typeof import('../src/storage/image-store.ts');
  const { FilesystemStorage } = (await import(src('storage/filesystem.ts'))) as typeof import('../src/storage/filesystem.ts');
  const lifted = args.includes('--lifted');
  const auth = new Authenticator({
    tokens: [TOKEN],
    users: new Map([['alice', process.env.BENCH_HASH!]]),
    ...(lifted ? { failuresPerAddress: 1e9, failuresPerUser: 1e9 } : {}),
  });
  const server = new RegistryServer({
    store: new ImageStore(new FilesystemStorage(process.env.BENCH_BUCKET!)),
    auth,
    log: new RegistryLog(() => {}),
  });
  const address = await server.listen(0, '127.0.0.1');
  process.stdout.write(`${address.port}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

interface Reply {
  status: number;
  ms: number;
}

function get(port: number, path: string, headers: Record<string, string>, agent: Agent | false = false): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolvePromise({ status: res.statusCode!, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));

async function startServer(bucket: string, hash: string, lifted: boolean) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', '--root', ROOT, ...(lifted ? ['--lifted'] : [])], {
    env: { ...process.env, BENCH_HASH: hash, BENCH_BUCKET: bucket },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolvePort(Number(line)));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

interface Latencies {
  health: number[];
  token: number[];
}

async function sample(port: number, until: () => boolean): Promise<Latencies> {
  const result: Latencies = { health: [], token: [] };
  while (!until()) {
    result.health.push((await get(port, '/healthz', {})).ms);
    if (until()) break;
    result.token.push((await get(port, '/v2/', { Authorization: `Bearer ${TOKEN}` })).ms);
  }
  return result;
}

async function scenario(bucket: string, hash: string, lifted: boolean) {
  const server = await startServer(bucket, hash, lifted);
  try {
    // Warm-up, then the quiet figures.
    for (let i = 0; i < 20; i++) await get(server.port, '/healthz', {});
    let n = 0;
    const quiet = await sample(server.port, () => n++ >= SAMPLES * 2);

    // Wrong password vs unknown user, one at a time, alternating (limits lifted, or the 429s would dominate).
    const wrong: number[] = [];
    const unknown: number[] = [];
    if (lifted) {
      for (let i = 0; i < 15; i++) {
        wrong.push((await get(server.port, '/v2/', { Authorization: basic('alice', `wrong-${i}`) })).ms);
        unknown.push((await get(server.port, '/v2/', { Authorization: basic(`nobody-${i}`, `wrong-${i}`) })).ms);
      }
    }

    // The flood: 32 keep-alive connections, each sending wrong passwords back to back.
    const agent = new Agent({ keepAlive: true, maxSockets: FLOOD_CONNECTIONS });
    let stop = false;
    const statuses = new Map<number, number>();
    let answered = 0;
    const floodStart = performance.now();
    const loops = Array.from({ length: FLOOD_CONNECTIONS }, async (_, c) => {
      for (let i = 0; !stop; i++) {
        const reply = await get(server.port, '/v2/', { Authorization: basic('alice', `guess-${c}-${i}`) }, agent).catch(() => null);
        if (!reply) continue;
        if (!stop) {
          answered++;
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        }
      }
    });
    await new Promise((r) => setTimeout(r, 200)); // the flood is on
    const deadline = performance.now() + SECONDS * 1000;
    const loaded = await sample(server.port, () => performance.now() >= deadline);
    const floodSeconds = (performance.now() - floodStart) / 1000;
    stop = true;
    const perSecond = answered / floodSeconds;
    await Promise.all(loops);
    agent.destroy();
    return { quiet, loaded, wrong, unknown, perSecond, statuses };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const bucket = mkdtempSync(join(tmpdir(), 'nixery-auth-flood-bench-'));
  const hash = bcrypt.hashSync(PASSWORD, 10);
  const loadBefore = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `auth-flood bench: sources ${ROOT}; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ` +
      `bcrypt cost 10; ${FLOOD_CONNECTIONS} flood connections for ${SECONDS} s; load average ${loadBefore}`,
  );
  try {
    for (const lifted of [true, false]) {
      const r = await scenario(bucket, hash, lifted);
      const flood = [...r.statuses].map(([status, count]) => `${count}×${status}`).join(', ');
      console.log(`\n### failure limits ${lifted ? 'lifted' : 'at their defaults'}\n`);
      console.log('| | p50 ms | p99 ms | samples |');
      console.log('|---|---:|---:|---:|');
      const row = (label: string, values: number[]) =>
        console.log(`| ${label} | ${fmt(percentile(values, 50))} | ${fmt(percentile(values, 99))} | ${values.length} |`);
      row('`/healthz`, no flood', r.quiet.health);
      row('token `/v2/`, no flood', r.quiet.token);
      row('`/healthz`, during the flood', r.loaded.health);
      row('token `/v2/`, during the flood', r.loaded.token);
      if (r.wrong.length) {
        row('wrong password, existing user (no flood)', r.wrong);
        row('unknown user (no flood)', r.unknown);
      }
      console.log(`\nflood requests answered: ${r.perSecond.toFixed(1)}/s (${flood})`);
    }
  } finally {
    rmSync(bucket, { recursive: true, force: true });
  }
  console.log(
    `\nload average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

if (args.includes('--serve')) await serve();
else await main();
