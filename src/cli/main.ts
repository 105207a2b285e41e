import { NixeryError } from '../errors.ts';
import { EXIT_CODES, EXIT_CODES_HELP, UNEXPECTED_ERROR_EXIT_CODE } from './exit-codes.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { closestName } from './args.ts';

const USAGE = `Usage: nixery <command> [options]
       nixery --version

Commands:
  build NAME...   build layered OCI images of Nix packages into a bucket and push them to registries
  copy            copy a built image from a bucket to a registry or another bucket
  gc              remove blobs and cache entries no tag reaches (safe during builds)
  index --repair  rewrite a bucket's index.json from its tag objects (after a killed build)
  layers          plan layers for a closure graph read on stdin
  serve           serve a bucket's images read-only over the registry API
  untag           remove tags from a bucket (gc then reclaims their blobs)

Run "nixery <command> --help" for a command's options.

${EXIT_CODES_HELP}`;

interface Command {
  run: (args: string[]) => Promise<void>;
  usage: string;
}

/**
 * Each command's module is loaded only when that command runs: `serve` then starts without parsing the build
 * pipeline, the SBOM library or the registry client (the start-up a scaled-out replica pays on every cold start).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  build: () => import('./build-command.ts').then((m) => ({ run: m.buildCommand, usage: m.BUILD_USAGE })),
  copy: () => import('./copy-command.ts').then((m) => ({ run: m.copyCommand, usage: m.COPY_USAGE })),
  gc: () => import('./gc-command.ts').then((m) => ({ run: m.gcCommand, usage: m.GC_USAGE })),
  index: () => import('./index-command.ts').then((m) => ({ run: m.indexCommand, usage: m.INDEX_USAGE })),
  layers: () => import('./layers-command.ts').then((m) => ({ run: m.layersCommand, usage: m.LAYERS_USAGE })),
  serve: () => import('./serve-command.ts').then((m) => ({ run: m.serveCommand, usage: m.SERVE_USAGE })),
  untag: () => import('./untag-command.ts').then((m) => ({ run: m.untagCommand, usage: m.UNTAG_USAGE })),
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`nixery ${packageJson.version}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    const close = unknownCommand(name);
    process.stderr.write(`nixery: unknown command "${name}"${close ? `; did you mean "${close}"?` : ''}\n`);
    process.stderr.write(`Commands: ${Object.keys(COMMANDS).join(', ')}. Run "nixery --help" for more.\n`);
    return 2;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    await command.run(args);
    return 0;
  } catch (error) {
    return reportError(error, name, command.usage, args.includes('--json'));
  }
}

function unknownCommand(typed: string): string | undefined {
  return closestName(typed, Object.keys(COMMANDS), () => 2);
}

/**
 * Users see the message that names the problem; a stack trace only for bugs (errors we did not anticipate). A
 * usage mistake gets the command's synopsis, not its whole help page. With --json, stdout carries the error too,
 * so a script parses one document whatever happened.
 */
function reportError(error: unknown, name: string, usage: string, json: boolean): number {
  const err = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`\nnixery: error: ${err.message}\n`);
  const kind = err instanceof NixeryError ? err.kind : null;
  if (kind === 'usage') process.stderr.write(`${usage.split('\n')[0]}\nRun "nixery ${name} --help" for every option.\n`);
  if (kind === null && process.env.NIXERY_DEBUG) process.stderr.write(`${err.stack}\n`);
  const exitCode = kind !== null ? EXIT_CODES[kind] : UNEXPECTED_ERROR_EXIT_CODE;
  if (json) process.stdout.write(JSON.stringify({ error: { kind: kind ?? 'internal', message: err.message, exitCode } }, null, 2) + '\n');
  return exitCode;
}

const exitCode = await main(process.argv.slice(2));
// After a failure nothing left running is worth waiting for (a cloud client's background retries can hold the
// process for minutes); stdout and stderr are written synchronously here, so nothing printed is lost.
if (exitCode !== 0) process.exit(exitCode);
