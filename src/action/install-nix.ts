import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import type { InstallNixMode } from './inputs.ts';

// Nix for the job: nothing when the runner already has it, else the official installer at a pinned version.

/** Pinned so a run next year installs the same Nix; bump deliberately. */
export const NIX_VERSION = '2.28.3';
export const NIX_INSTALLER_URL = `https://releases.nixos.org/nix/nix-${NIX_VERSION}/install`;
const DOWNLOAD_ATTEMPTS = 5;

export interface NixConfOptions {
  /** GitHub token for access-tokens, so fetching from github.com is not rate-limited; '' for none. */
  token: string;
  /** The extra-nix-conf input, appended last so it wins. */
  extraNixConf: string;
  /**
   * The user the job runs as, when the nix-* inputs set builders or caches: a Nix daemon applies those settings
   * (and trusted keys) only for trusted users, so the daemon the action installs trusts this one.
   */
  trustedUser?: string;
}

export function nixConfText(options: NixConfOptions): string {
  const lines = ['max-jobs = auto', 'experimental-features = nix-command'];
  if (options.token) lines.push(`access-tokens = github.com=${options.token}`);
  if (options.trustedUser) lines.push(`extra-trusted-users = ${options.trustedUser}`);
  const extra = options.extraNixConf.trim();
  if (extra) lines.push(extra);
  return lines.join('\n') + '\n';
}

export interface HostFacts {
  platform: NodeJS.Platform;
  /** systemd runs (/run/systemd/system exists): the multi-user daemon can be installed as a service. */
  hasSystemd: boolean;
  home: string;
  /** CA bundles that exist on this machine, first usable one wins. */
  caBundles: string[];
}

export interface NixInstallPlan {
  mode: 'daemon' | 'single-user';
  url: string;
  /** Arguments for `sh <installer>`; the conf file path is filled in by the caller. */
  args: string[];
  env: Record<string, string>;
  nixConf: string;
  /** Added to PATH for this and later steps. */
  paths: string[];
  /** Exported for this and later steps. */
  variables: Record<string, string>;
}

/** What the installer run would be, as data: the multi-user daemon where systemd (Linux) or launchd (macOS) can run it. */
export function planNixInstall(host: HostFacts, conf: NixConfOptions, confFile: string): NixInstallPlan {
  const daemon = host.platform === 'darwin' || host.hasSystemd;
  const args = ['--yes', '--no-channel-add', '--nix-extra-conf-file', confFile, daemon ? '--daemon' : '--no-daemon'];
  const defaultProfile = '/nix/var/nix/profiles/default';
  const userProfile = path.join(host.home, '.nix-profile');
  const variables: Record<string, string> = { NIX_PROFILES: `${defaultProfile} ${userProfile}` };
  const bundle = host.caBundles[0];
  if (bundle) variables.NIX_SSL_CERT_FILE = bundle;
  return {
    mode: daemon ? 'daemon' : 'single-user',
    url: NIX_INSTALLER_URL,
    args,
    // The action sets PATH itself; the installer must not edit shell profiles the runner never reads.
    env: { NIX_INSTALLER_NO_MODIFY_PROFILE: '1' },
    nixConf: nixConfText(conf),
    paths: daemon ? [`${defaultProfile}/bin`, `${userProfile}/bin`] : [`${userProfile}/bin`],
    variables,
  };
}

export function findOnPath(command: string, pathVariable = process.env.PATH ?? ''): string | null {
  for (const dir of pathVariable.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export type NixSetup = { installed: false; nixBuild: string } | { installed: true; mode: NixInstallPlan['mode']; version: string };

export async function setUpNix(mode: InstallNixMode, conf: NixConfOptions): Promise<NixSetup> {
  const existing = findOnPath('nix-build');
  if (mode === 'false' || (mode === 'auto' && existing)) {
    if (!existing) {
      throw new Error('install-nix is false but nix-build is not on PATH: install Nix in an earlier step, or set install-nix to auto');
    }
    useExistingNix(conf);
    core.info(`Nix is already installed (${existing}); not installing it`);
    return { installed: false, nixBuild: existing };
  }
  return installNix(conf);
}

/** An installed Nix keeps its own nix.conf; these settings reach it through NIX_CONFIG instead. */
function useExistingNix(conf: NixConfOptions): void {
  const extra = conf.extraNixConf.trim();
  // Later steps get the user's settings; the token stays in this process (later steps have their own).
  if (extra) core.exportVariable('NIX_CONFIG', joinConf(process.env.NIX_CONFIG, extra));
  if (conf.token) process.env.NIX_CONFIG = joinConf(process.env.NIX_CONFIG, `access-tokens = github.com=${conf.token}`);
}

function joinConf(current: string | undefined, more: string): string {
  return current ? `${current.replace(/\n+$/, '')}\n${more}` : more;
}

async function installNix(conf: NixConfOptions): Promise<NixSetup> {
  if (process.platform !== 'linux' && process.platform !== 'darwin') {
    throw new Error(`cannot install Nix on ${process.platform}: use a Linux or macOS runner`);
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'nixery-install-nix-'));
  try {
    const confFile = path.join(work, 'nix.conf');
    const plan = planNixInstall(
      {
        platform: process.platform,
        hasSystemd: existsSync('/run/systemd/system'),
        home: os.homedir(),
        caBundles: ['/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/cert.pem'].filter((f) => existsSync(f)),
      },
      conf,
      confFile,
    );
    await writeFile(confFile, plan.nixConf);
    const installer = path.join(work, 'install');
    await core.group(`Install Nix ${NIX_VERSION} (${plan.mode})`, async () => {
      await writeFile(installer, await downloadWithRetries(plan.url, DOWNLOAD_ATTEMPTS));
      await run('sh', [installer, ...plan.args], plan.env);
    });
    for (const dir of plan.paths) core.addPath(dir);
    for (const [name, value] of Object.entries(plan.variables)) core.exportVariable(name, value);
    if (!findOnPath('nix-build')) throw new Error(`the Nix installer finished but nix-build is not in ${plan.paths.join(' or ')}`);
    return { installed: true, mode: plan.mode, version: NIX_VERSION };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** releases.nixos.org sits behind a CDN that fails now and then; back off 2, 4, 8… seconds. */
export async function downloadWithRetries(url: string, attempts: number, delayMs = 2000): Promise<Buffer> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return Buffer.from(await response.arrayBuffer());
    } catch (error) {
      lastError = error;
      if (attempt < attempts) {
        core.info(`downloading ${url} failed (${(error as Error).message}); attempt ${attempt + 1} of ${attempts} follows`);
        await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** (attempt - 1)));
      }
    }
  }
  throw new Error(`cannot download the Nix installer from ${url} after ${attempts} attempts: ${(lastError as Error).message}`);
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`the Nix installer failed (${signal ?? `exit code ${code}`}); its output is above`)),
    );
  });
}
