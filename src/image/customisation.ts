import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LayerEntry } from '../archive/tar.ts';
import { compareStrings } from '../compare.ts';
import type { ImageName } from './name.ts';
import { wantsShell } from './name.ts';

// The layer this project writes on top of the Nix store layers: what makes a bare closure feel like an image.

export interface Customisation {
  entries: LayerEntry[];
  env: string[];
  cmd?: string[];
}

const DIR_MODE = 0o755;
const FILE_MODE = 0o644;
const STICKY_TMP_MODE = 0o1777;
const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
// Where CA bundles sit inside packages (nixpkgs' cacert uses the first).
const CA_BUNDLES = ['etc/ssl/certs/ca-bundle.crt', 'etc/ssl/certs/ca-certificates.crt'];
// Package folders that are metadata for Nix, not content for the image.
const SKIPPED_TOP_LEVEL = new Set(['nix-support']);

const PASSWD = 'root:x:0:0:System administrator:/root:/bin/sh\nnobody:x:65534:65534:Unprivileged account:/var/empty:/bin/false\n';
const GROUP = 'root:x:0:\nnobody:x:65534:\n';
const NSSWITCH = 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n';

/**
 * Builds the customisation layer for an image whose requested packages are `topLevelPaths` (in request order;
 * on conflicts the first wins, like symlinkJoin) and whose closure is `closurePaths`.
 */
export async function buildCustomisation(name: ImageName, topLevelPaths: string[], closurePaths: string[]): Promise<Customisation> {
  const farm = new Map<string, LayerEntry>();
  const addDir = (p: string) => farm.set(p, { type: 'directory', path: p, mode: DIR_MODE });

  const roots: string[] = [];
  for (const storePath of topLevelPaths) if (await isDirectory(storePath)) roots.push(storePath);
  const topNames = new Set<string>();
  for (const root of roots) for (const child of await childDirectories(root)) topNames.add(child);
  for (const top of [...topNames].sort()) {
    addDir(`/${top}`);
    const providers = [];
    for (const root of roots) if (await isDirectory(path.join(root, top))) providers.push(path.join(root, top));
    await linkTree(`/${top}`, providers, farm);
  }

  for (const dir of ['/etc', '/tmp', '/root', '/usr', '/usr/bin', '/var', '/var/empty']) if (!farm.has(dir)) addDir(dir);
  farm.set('/tmp', { type: 'directory', path: '/tmp', mode: STICKY_TMP_MODE });
  // Ours replace any a package brings: containers expect root and nobody to exist.
  for (const [file, content] of [
    ['/etc/passwd', PASSWD],
    ['/etc/group', GROUP],
    ['/etc/nsswitch.conf', NSSWITCH],
  ] as const) {
    farm.set(file, { type: 'file', path: file, mode: FILE_MODE, content: Buffer.from(content) });
  }
  const env = farm.get('/bin/env');
  // Only into a real /usr/bin: one package's usr/bin is linked whole, and nothing may go below a link.
  if (env?.type === 'symlink' && farm.get('/usr/bin')?.type === 'directory' && !farm.has('/usr/bin/env')) {
    farm.set('/usr/bin/env', { type: 'symlink', path: '/usr/bin/env', target: env.target });
  }

  const environment = [PATH_ENV];
  const caBundle = await findCaBundle(farm, closurePaths);
  if (caBundle) environment.push(`SSL_CERT_FILE=${caBundle}`);

  return {
    entries: [...farm.values()].sort((a, b) => compareStrings(a.path, b.path)),
    env: environment,
    ...(wantsShell(name) ? { cmd: ['/bin/bash'] } : {}),
  };
}

/**
 * Links `providers` (directories of several packages) into `target`, as buildEnv does: an entry only one package
 * has becomes a symlink; a directory several packages share becomes a real directory, merged recursively.
 */
async function linkTree(target: string, providers: string[], farm: Map<string, LayerEntry>): Promise<void> {
  const names = new Map<string, string[]>();
  for (const provider of providers) {
    for (const name of (await readdir(provider)).sort()) {
      const list = names.get(name) ?? [];
      list.push(path.join(provider, name));
      names.set(name, list);
    }
  }
  for (const [name, sources] of [...names].sort(([a], [b]) => compareStrings(a, b))) {
    const entryPath = `${target}/${name}`;
    const directories = [];
    for (const source of sources) if (await isDirectory(source)) directories.push(source);
    if (directories.length > 1 && directories[0] === sources[0]) {
      farm.set(entryPath, { type: 'directory', path: entryPath, mode: DIR_MODE });
      await linkTree(entryPath, directories, farm);
    } else {
      farm.set(entryPath, { type: 'symlink', path: entryPath, target: sources[0]! });
    }
  }
}

async function findCaBundle(farm: Map<string, LayerEntry>, closurePaths: string[]): Promise<string | null> {
  for (const bundle of CA_BUNDLES) if (await farmPathExists(farm, `/${bundle}`)) return `/${bundle}`;
  for (const storePath of [...closurePaths].sort()) {
    for (const bundle of CA_BUNDLES) if (await isFile(path.join(storePath, bundle))) return path.join(storePath, bundle);
  }
  return null;
}

/** Whether an image path resolves to a file through the farm's symlinks (e.g. /etc/ssl -> /nix/store/...-cacert/etc/ssl). */
async function farmPathExists(farm: Map<string, LayerEntry>, imagePath: string): Promise<boolean> {
  const parts = imagePath.split('/').filter(Boolean);
  for (let i = parts.length; i > 0; i--) {
    const entry = farm.get('/' + parts.slice(0, i).join('/'));
    if (entry?.type === 'symlink') return isFile(path.join(entry.target, ...parts.slice(i)));
    if (entry) return false;
  }
  return false;
}

async function childDirectories(dir: string): Promise<string[]> {
  const children = [];
  for (const name of await readdir(dir)) {
    if (!SKIPPED_TOP_LEVEL.has(name) && (await isDirectory(path.join(dir, name)))) children.push(name);
  }
  return children;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
