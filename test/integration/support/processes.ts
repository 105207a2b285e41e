import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

// Whether a process (a Nix builder, something it started) still runs, read from /proc.

/** Alive and not a zombie: a dead process, or one waiting to be reaped, no longer runs. */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * SIGKILL is sent, not awaited (by Nix, and by our own process handling), so a killed process gets a few seconds
 * to finish dying; one still running after that has survived, and the assertion fails with `message`.
 */
export async function assertGone(pid: number, message: string): Promise<void> {
  for (let i = 0; i < 50 && (await isRunning(pid)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(await isRunning(pid), false, message);
}
