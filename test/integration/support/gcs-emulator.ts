import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

// The Firebase Storage emulator (npm firebase-tools, pinned) serves the GCS JSON API that @google-cloud/storage
// speaks when STORAGE_EMULATOR_HOST is set. Its CLI wants Java 21 and a downloaded rules runtime; neither exists
// here, so this file starts only its storage HTTP server, in a child process of its own:
//   node test/integration/support/gcs-emulator.ts PORT     prints "ready" when it listens.

const ALLOW_ALL_RULES = `rules_version = '2';
service firebase.storage { match /b/{bucket}/o { match /{allPaths=**} { allow read, write: if true; } } }`;

export interface GcsEmulator {
  /** For STORAGE_EMULATOR_HOST, e.g. http://127.0.0.1:9199 */
  host: string;
  stop(): Promise<void>;
}

/** Starts the emulator in a child process; fails loudly when firebase-tools is not installed. */
export async function startGcsEmulator(): Promise<GcsEmulator> {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForLine(child, 'ready', 'GCS emulator (firebase-tools)');
  return { host: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

/** Resolves when the child prints a line containing `marker`; rejects with its output if it exits first. */
export function waitForLine(child: ChildProcess, marker: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(marker)) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code, signal) => reject(new Error(`${what} exited with ${code ?? signal} before it was ready:\n${output}`)));
    child.once('error', reject);
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function serve(port: number): Promise<void> {
  const require = createRequire(import.meta.url);
  let storageModule: { StorageEmulator: new (args: object) => Record<string, unknown> };
  let registryModule: { EmulatorRegistry: { start(emulator: unknown): Promise<void> } };
  try {
    storageModule = require('firebase-tools/lib/emulator/storage/index.js');
    registryModule = require('firebase-tools/lib/emulator/registry.js');
  } catch (error) {
    throw new Error(
      `cannot load the Firebase Storage emulator: ${(error as Error).message}\nrun "npm ci" (firebase-tools is a devDependency)`,
    );
  }
  const emulator = new storageModule.StorageEmulator({
    projectId: 'nixery-test',
    host: '127.0.0.1',
    port,
    rules: ALLOW_ALL_RULES,
    auto_download: false,
  });
  // The rules runtime needs Java and a download; with allow-all rules the storage server never asks it anything.
  const noop = async () => {};
  (emulator._rulesRuntime as { start: unknown }).start = noop;
  (emulator._rulesManager as { start: unknown }).start = noop;
  await registryModule.EmulatorRegistry.start(emulator);
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await serve(Number(process.argv[2]));
}
