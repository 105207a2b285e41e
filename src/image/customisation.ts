import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LayerEntry } from '../archive/tar.ts';
import { compareStrings } from '../compare.ts';
import { declaresCommand, ImageConfigError, parseUser } from './image-config.ts';
import type { ImageConfig, ImageUser } from './image-config.ts';
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
 * on conflicts the first wins, like symlinkJoin) and whose closure is `closurePaths`. A declared `config` adds its
 * user (passwd, group, an owned home), its working directory and its Env, and decides Cmd.
 */
export async function buildCustomisation(
  name: ImageName,
  topLevelPaths: string[],
  closurePaths: string[],
  config: ImageConfig = {},
): Promise<Customisation> {
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
  const user = config.user === undefined ? undefined : parseUser(config.user);
  const home = user && addUser(user, farm);
  if (config.workdir !== undefined) addWorkdir(config.workdir, user, farm);
  // Ours replace any a package brings: containers expect root and nobody to exist.
  for (const [file, content] of [
    ['/etc/passwd', PASSWD + (home ? `${user!.name}:x:${user!.uid}:${user!.gid}::${home}:/bin/sh\n` : '')],
    ['/etc/group', GROUP + (user && !WELL_KNOWN_IDS.has(user.gid) ? `${user.name}:x:${user.gid}:\n` : '')],
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
  if (home) environment.push(`HOME=${home}`);

  const cmd = config.cmd ?? (!declaresCommand(config) && wantsShell(name) ? ['/bin/bash'] : undefined);
  return {
    entries: [...farm.values()].sort((a, b) => compareStrings(a.path, b.path)),
    env: mergeEnv(environment, config.env ?? {}),
    ...(cmd ? { cmd } : {}),
  };
}

const WELL_KNOWN_IDS = new Set([0, 65534]);

/** A passwd entry's home, owned by the user; none for root and nobody, whose entries are always there. */
function addUser(user: ImageUser, farm: Map<string, LayerEntry>): string | undefined {
  if (WELL_KNOWN_IDS.has(user.uid)) return undefined;
  const home = `/home/${user.name}`;
  if (farm.has('/home') && farm.get('/home')!.type !== 'directory') {
    throw new ImageConfigError(['user'], `user "${user.spelling}": a package links /home, so no home can be made in it`);
  }
  if (!farm.has('/home')) farm.set('/home', { type: 'directory', path: '/home', mode: DIR_MODE });
  farm.set(home, { type: 'directory', path: home, mode: DIR_MODE, owner: { uid: user.uid, gid: user.gid } });
  return home;
}

/** The working directory and any missing parents; owned by the image's user, who is meant to work in it. */
function addWorkdir(workdir: string, user: ImageUser | undefined, farm: Map<string, LayerEntry>): void {
  const parts = workdir.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const p = '/' + parts.slice(0, i).join('/');
    const existing = farm.get(p);
    if (existing === undefined) {
      const last = i === parts.length;
      const owner = last && user && user.uid !== 0 ? { owner: { uid: user.uid, gid: user.gid } } : {};
      farm.set(p, { type: 'directory', path: p, mode: DIR_MODE, ...owner });
    } else if (existing.type !== 'directory') {
      throw new ImageConfigError(
        ['workdir'],
        `workdir "${workdir}": ${p} comes from a package (a link into the store), so it cannot be created there`,
      );
    }
  }
}

/** Env with `declared` on top: a declared name replaces the layer's value in place, new names follow in order. */
function mergeEnv(base: string[], declared: Record<string, string>): string[] {
  const merged = new Map(base.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  for (const [key, value] of Object.entries(declared)) merged.set(key, value);
  return [...merged].map(([key, value]) => `${key}=${value}`);
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
