import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXAMPLE_PACKAGES } from './cli.ts';
import { runChecked } from './run.ts';

// Git repositories for flake tests, made offline: the example package set as a flake repository of its own, and an
// app repository whose flake takes it as its `nixpkgs` input by a git+file: URL, locks it, and adds its own package
// (a script that prints who and where it runs).

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};
export const FLAKE_FEATURES = ['--extra-experimental-features', 'nix-command flakes'];

export async function git(cwd: string, args: string[]): Promise<string> {
  return (await runChecked('git', args, { cwd, env: GIT_ENV })).stdout.trim();
}

export async function commitAll(cwd: string, message: string): Promise<void> {
  await git(cwd, ['add', '-A']);
  await git(cwd, ['commit', '-q', '-m', message]);
}

/** A flake whose `nixpkgs` input is `pkgsUrl` and whose packages.x86_64-linux.api is a script. */
export function appFlake(pkgsUrl: string): string {
  return `{
  inputs.nixpkgs.url = "${pkgsUrl}";
  outputs = { self, nixpkgs }:
    let
      system = "x86_64-linux";
      pkgs = nixpkgs.legacyPackages.\${system};
      bb = "\${pkgs.busybox}/bin";
    in {
      packages.\${system}.api = pkgs.lib.mkScripts {
        name = "api-1.0";
        scripts.api = ''
          #!\${bb}/sh
          echo "uid=$(\${bb}/id -u) pwd=$(\${bb}/pwd) port=$PORT args=$*"
        '';
      };
    };
}
`;
}

/** An images file declaring the app's image (entrypoint, user, workdir, port, labels) and a tools image. */
export const APP_IMAGES_YAML = `# The repository's images
api:
  packages: [api, coreutils]
  entrypoint: [/bin/api]
  cmd: [--serve]
  env: { PORT: 8080 }
  user: "1000:1000"
  workdir: /srv
  ports: [8080/tcp]
  labels: { org.opencontainers.image.description: "The API" }
  stop-signal: SIGINT
tools:
  packages: [shell, hello]
`;

export interface FlakeRepos {
  /** The example package set, committed; a flake exposing legacyPackages. */
  pkgsRepo: string;
  /** The app: flake.nix, flake.lock and images.yaml, committed. */
  appRepo: string;
  /** The revision appRepo's flake.lock pins for nixpkgs. */
  lockedRev: string;
}

/** Makes both repositories under `work` (pkgs/ and app/). */
export async function makeFlakeRepos(work: string): Promise<FlakeRepos> {
  const pkgsRepo = path.join(work, 'pkgs');
  await cp(EXAMPLE_PACKAGES, pkgsRepo, { recursive: true });
  await git(pkgsRepo, ['init', '-q']);
  await commitAll(pkgsRepo, 'example package set');

  const appRepo = path.join(work, 'app');
  await mkdir(appRepo, { recursive: true });
  await writeFile(path.join(appRepo, 'flake.nix'), appFlake(`git+file://${pkgsRepo}`));
  await writeFile(path.join(appRepo, 'images.yaml'), APP_IMAGES_YAML);
  await git(appRepo, ['init', '-q']);
  await commitAll(appRepo, 'app');
  await runChecked('nix', [...FLAKE_FEATURES, 'flake', 'lock'], { cwd: appRepo });
  await commitAll(appRepo, 'lock');
  const lock = JSON.parse(await readFile(path.join(appRepo, 'flake.lock'), 'utf8'));
  return { pkgsRepo, appRepo, lockedRev: lock.nodes.nixpkgs.locked.rev };
}
