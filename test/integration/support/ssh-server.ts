import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort } from './free-port.ts';
import { requireTools, runChecked } from './run.ts';

// A real OpenSSH server on loopback that the test owns: its own host key, one authorized client key, root login
// by key only. It plays a Nix remote builder; `SetEnv` gives its sessions their own Nix configuration folder.

export interface SshServer {
  port: number;
  /** The client's private key file (no passphrase). */
  clientKey: string;
  /** The server's public host key, base64 as Nix's machine spec takes it (field 8). */
  hostKeyBase64: string;
  /** Everything sshd logged (-e). */
  log(): string;
  stop(): Promise<void>;
}

export async function startSshServer(dir: string, sessionEnv: Record<string, string>): Promise<SshServer> {
  requireTools('sshd', 'ssh', 'ssh-keygen');
  await mkdir(dir, { recursive: true });
  // sshd refuses to start without its privilege-separation folder, which only the packaged service creates.
  await mkdir('/run/sshd', { recursive: true });
  const hostKey = path.join(dir, 'host_ed25519');
  const clientKey = path.join(dir, 'client_ed25519');
  await runChecked('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  await runChecked('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKey]);
  await writeFile(path.join(dir, 'authorized_keys'), await readFile(`${clientKey}.pub`));
  const port = await freePort();
  const config = path.join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PidFile none',
      // The temp folder's modes are not sshd's business here.
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      ...Object.entries(sessionEnv).map(([name, value]) => `SetEnv "${name}=${value}"`),
      '',
    ].join('\n'),
  );
  const lines: string[] = [];
  // sshd re-executes itself for each connection, so it must be started by its absolute path.
  const sshd = (await runChecked('sh', ['-c', 'command -v sshd'])).stdout.trim();
  const child: ChildProcess = spawn(sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => lines.push(text));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = await new Promise<boolean>((resolve) => {
    const timer = setInterval(() => {
      if (lines.join('').includes('Server listening')) done(true);
    }, 50);
    const done = (ok: boolean) => {
      clearInterval(timer);
      resolve(ok);
    };
    child.once('exit', () => done(false));
    setTimeout(() => done(false), 15_000).unref();
  });
  if (!listening) {
    child.kill('SIGKILL');
    throw new Error(`sshd did not start on 127.0.0.1:${port}:\n${lines.join('')}`);
  }
  // "ssh-ed25519 AAAA…", without the comment: Nix writes it into the known-hosts file it gives ssh.
  const publicHostKey = (await readFile(`${hostKey}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
  const hostKeyBase64 = Buffer.from(publicHostKey).toString('base64');
  return {
    port,
    clientKey,
    hostKeyBase64,
    log: () => lines.join(''),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
