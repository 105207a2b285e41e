import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { requireTools, run, runChecked } from './run.ts';
import type { RunResult } from './run.ts';

// A private, rootful podman for one test file: its own storage, state and config in a temp dir, so tests
// never touch the machine's images and can run beside each other. The settings are the ones that work on
// these machines (see /work/shared/TESTING.md): runc (crun fails on the hybrid cgroup setup), cgroupfs,
// explicit ulimits (the default rlimits are refused), no network namespace, a file events logger.

export type StorageDriver = 'overlay' | 'vfs';

export interface PodmanOptions {
  /** Registries (host:port) to reach over plain HTTP, e.g. a test registry on 127.0.0.1. */
  insecureRegistries?: string[];
  /** Force a storage driver; by default overlay when it works here, else vfs. NIXERY_TEST_STORAGE_DRIVER overrides too. */
  driver?: StorageDriver;
}

export interface Podman {
  /** The temp dir holding config, storage and state; removed by cleanup(). */
  root: string;
  driver: StorageDriver;
  /** Points podman and skopeo at this instance's config files. */
  configEnv: { CONTAINERS_CONF: string; CONTAINERS_STORAGE_CONF: string; CONTAINERS_REGISTRIES_CONF: string };
  /** process.env plus configEnv: the environment for every podman and skopeo command. */
  env: NodeJS.ProcessEnv;
  /**
   * Copies `oci:layoutDir:ref` into this podman's storage as `localhost/<imageName>` (a tag may be part of
   * imageName) and returns the reference to run.
   */
  copyOciToPodman(layoutDir: string, ref: string, imageName: string): Promise<string>;
  /** `podman run --rm image args...`; returns stdout, throws with stderr on a non-zero exit. */
  podmanRun(image: string, args: readonly string[]): Promise<string>;
  /** Any podman command, without throwing on failure. */
  podman(args: readonly string[]): Promise<RunResult>;
  /** Any skopeo command, with this instance's config, without throwing on failure. */
  skopeo(args: readonly string[]): Promise<RunResult>;
  /** Removes every container and image, then the temp dir. Safe to call twice. */
  cleanup(): Promise<void>;
}

export async function createPodman(options: PodmanOptions = {}): Promise<Podman> {
  requireTools('podman', 'skopeo', 'runc');
  if (process.getuid?.() !== 0) {
    throw new Error('the podman test harness runs rootful podman: run the integration tests as root (CI machines do)');
  }
  const root = await mkdtemp(path.join(os.tmpdir(), 'nixery-podman-'));
  const configEnv = {
    CONTAINERS_CONF: path.join(root, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: path.join(root, 'storage.conf'),
    CONTAINERS_REGISTRIES_CONF: path.join(root, 'registries.conf'),
  };
  const env = { ...process.env, ...configEnv };
  const podman = (args: readonly string[]) => run('podman', args, { env });

  try {
    await writeFile(configEnv.CONTAINERS_CONF, containersConf(root));
    await writeFile(configEnv.CONTAINERS_REGISTRIES_CONF, registriesConf(options.insecureRegistries ?? []));
    const driver = await chooseDriver(root, configEnv.CONTAINERS_STORAGE_CONF, options.driver, podman);

    let cleaned = false;
    return {
      root,
      driver,
      configEnv,
      env,
      podman,
      skopeo: (args) => run('skopeo', args, { env }),
      async copyOciToPodman(layoutDir, ref, imageName) {
        const image = `localhost/${imageName}`;
        await runChecked('skopeo', ['copy', '--quiet', `oci:${layoutDir}:${ref}`, `containers-storage:${image}`], { env });
        return image;
      },
      async podmanRun(image, args) {
        const result = await runChecked('podman', ['run', '--rm', image, ...args], { env });
        return result.stdout;
      },
      async cleanup() {
        if (cleaned) return;
        cleaned = true;
        // Unmounts overlay layers and removes podman's state before the files go.
        await podman(['rm', '--all', '--force']);
        await podman(['system', 'reset', '--force']);
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

function containersConf(root: string): string {
  // tmp_dir and the events log live in the temp dir, not /run/libpod, so instances never share state.
  return `[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
netns = "none"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = ${JSON.stringify(path.join(root, 'events.log'))}
tmp_dir = ${JSON.stringify(path.join(root, 'libpod-tmp'))}
volume_path = ${JSON.stringify(path.join(root, 'volumes'))}
`;
}

function storageConf(root: string, driver: StorageDriver): string {
  return `[storage]
driver = "${driver}"
graphroot = ${JSON.stringify(path.join(root, 'graph'))}
runroot = ${JSON.stringify(path.join(root, 'run'))}
`;
}

function registriesConf(insecure: string[]): string {
  // No search registries: every image name in a test is fully qualified, and nothing reaches the internet.
  const entries = insecure.map((location) => `\n[[registry]]\nlocation = ${JSON.stringify(location)}\ninsecure = true\n`);
  return `unqualified-search-registries = []\n${entries.join('')}`;
}

/** overlay is much faster for big images; it needs kernel support, which `podman info` proves by mounting. */
async function chooseDriver(
  root: string,
  storageConfPath: string,
  wanted: StorageDriver | undefined,
  podman: (args: readonly string[]) => Promise<RunResult>,
): Promise<StorageDriver> {
  const forced = wanted ?? parseDriver(process.env.NIXERY_TEST_STORAGE_DRIVER);
  const candidates: StorageDriver[] = forced ? [forced] : ['overlay', 'vfs'];
  const failures: string[] = [];
  for (const driver of candidates) {
    await writeFile(storageConfPath, storageConf(root, driver));
    const info = await podman(['info', '--format', '{{.Store.GraphDriverName}}']);
    if (info.code === 0 && info.stdout.trim() === driver) return driver;
    failures.push(`${driver}: ${info.stderr.trim() || info.stdout.trim()}`);
    // A failed driver may leave a half-initialised graph root behind; start the next one clean.
    await rm(path.join(root, 'graph'), { recursive: true, force: true });
    await rm(path.join(root, 'run'), { recursive: true, force: true });
  }
  throw new Error(`podman could not start with storage driver ${candidates.join(' or ')}:\n${failures.join('\n')}`);
}

function parseDriver(value: string | undefined): StorageDriver | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'overlay' || value === 'vfs') return value;
  throw new Error(`NIXERY_TEST_STORAGE_DRIVER="${value}": expected overlay or vfs`);
}
