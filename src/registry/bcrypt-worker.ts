// A password-check thread of bcrypt-pool.ts: one bcrypt comparison per message. Its own entry point, so the bundle
// has it as dist/bcrypt-worker.js with bcryptjs inside and needs no node_modules.
import { parentPort } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

parentPort?.on('message', (job: { password: string; hash: string }) => {
  let ok = false;
  try {
    ok = bcrypt.compareSync(job.password, job.hash);
  } catch {
    ok = false;
  }
  parentPort?.postMessage(ok);
});
