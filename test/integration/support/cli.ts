import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run.ts';
import type { RunOptions, RunResult } from './run.ts';

// Runs the real CLI in a child process, as users do, and snapshots folders for "nothing changed" checks.

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_PATH = path.join(REPO_ROOT, 'src/cli/main.ts');
/** The offline example package set every e2e build uses. */
export const EXAMPLE_PACKAGES = path.join(REPO_ROOT, 'nix/examples');

/** `node src/cli/main.ts args...` from the repository root; never throws for a non-zero exit. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, [CLI_PATH, ...args], { cwd: REPO_ROOT, ...options });
}

/** Like runCli, but a non-zero exit throws with the CLI's stderr, so a failed build explains itself. */
export async function runCliChecked(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await runCli(args, options);
  if (result.code !== 0) {
    throw new Error(`nixery ${args.join(' ')} exited with ${result.code ?? result.signal}\n--- stderr ---\n${result.stderr.trimEnd()}`);
  }
  return result;
}

export interface TreeEntry {
  type: 'file' | 'dir' | 'symlink';
  /** File size in bytes; 0 for folders and symlinks. */
  size: number;
  /** sha256 of a file's bytes, or of a symlink's target text. */
  sha256?: string;
}

/** Every path under dir (relative, "/"-separated, sorted) with what it holds. A missing dir is an empty tree. */
export async function treeSnapshot(dir: string): Promise<Record<string, TreeEntry>> {
  const snapshot: Record<string, TreeEntry> = {};
  const walk = async (relative: string): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(path.join(dir, relative))).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && relative === '') return;
      throw error;
    }
    for (const name of names) {
      const rel = relative === '' ? name : `${relative}/${name}`;
      const full = path.join(dir, rel);
      const stat = await lstat(full);
      if (stat.isDirectory()) {
        snapshot[rel] = { type: 'dir', size: 0 };
        await walk(rel);
      } else if (stat.isSymbolicLink()) {
        snapshot[rel] = { type: 'symlink', size: 0, sha256: sha256Text(await readlink(full)) };
      } else {
        snapshot[rel] = { type: 'file', size: stat.size, sha256: await sha256File(full) };
      }
    }
  };
  await walk('');
  return snapshot;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
