import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './cli.ts';
import { stopChild, waitForLine } from './gcs-emulator.ts';
import { freePort } from './free-port.ts';

// s3rver (npm, a devDependency) is a real S3 HTTP server backed by a folder. It checks signatures with the fixed
// credentials below, ignores If-None-Match and does not check Content-MD5, so it is the laxest store we meet.

export const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

export interface S3Server {
  endpoint: string;
  /** Folder holding the objects, for tests that look under the store's hood. */
  dataDir: string;
  /** Variables that point the AWS SDK (ours, in a child CLI) at this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startS3Server(buckets: string[]): Promise<S3Server> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'nixery-s3rver-'));
  const bin = path.join(REPO_ROOT, 'node_modules/s3rver/bin/s3rver.js');
  // s3rver encrypts listing continuation tokens with DES, which Node's OpenSSL 3 keeps in its legacy provider:
  // without it, the second page of any listing answers 500.
  const args = [
    '--openssl-legacy-provider',
    bin,
    '-d',
    dataDir,
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-s',
    ...buckets.flatMap((b) => ['--configure-bucket', b]),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.once('error', () => {});
  await waitForLine(child, 'listening', 's3rver (run "npm ci": it is a devDependency)').catch(async (error) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    dataDir,
    env: { ...S3RVER_CREDENTIALS, AWS_ENDPOINT_URL_S3: endpoint },
    stop: async () => {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
