import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The nix/ folder ships next to the code: ../../nix from src/nix/*.ts, ../nix from the
// bundle at dist/cli.js. Checked by a file we know is there, not by the folder name.
const MARKER = 'image-packages.nix';

export function nixExpressionsDir(moduleUrl: string = import.meta.url): string {
  for (const relative of ['../nix/', '../../nix/']) {
    const dir = fileURLToPath(new URL(relative, moduleUrl));
    if (existsSync(dir + MARKER)) return dir.replace(/\/$/, '');
  }
  throw new Error(
    `cannot find the nix/ folder (with ${MARKER}) next to ${fileURLToPath(moduleUrl)}: ` +
      'install the package with its nix/ folder, or run from the repository.',
  );
}
