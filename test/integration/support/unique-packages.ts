import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXAMPLE_PACKAGES } from './cli.ts';

// The example package set plus one package no other test (or earlier run) has built: its name and script carry a
// fresh nonce, so its derivation is new to every Nix store and a build of it really runs. It refers to the
// examples' busybox, so its closure is a real graph that crosses stores.

export interface UniquePackages {
  /** The package-set folder (for --pkgs-path). */
  dir: string;
  /** The fresh package's attribute name, usable as an image name. */
  name: string;
  nonce: string;
}

export async function writeUniquePackages(dir: string, name = 'fresh-greeting'): Promise<UniquePackages> {
  const nonce = randomUUID();
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'default.nix'),
    `args:
let examples = import ${JSON.stringify(EXAMPLE_PACKAGES)} args;
in examples // {
  ${name} = examples.lib.mkScripts {
    name = "${name}-${nonce}";
    scripts.greet = "#!\${examples.busybox}/bin/sh\\necho hello from ${nonce}\\n";
  };
}
`,
  );
  return { dir, name, nonce };
}
