import { buildCommand, BUILD_USAGE } from './build-command.ts';
import { copyCommand, COPY_USAGE } from './copy-command.ts';
import { gcCommand, GC_USAGE } from './gc-command.ts';
import { indexCommand, INDEX_USAGE } from './index-command.ts';
import { layersCommand, LAYERS_USAGE } from './layers-command.ts';
import { serveCommand, SERVE_USAGE } from './serve-command.ts';
import { untagCommand, UNTAG_USAGE } from './untag-command.ts';
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

const COMMANDS: Record<string, { run: (args: string[]) => Promise<void>; usage: string }> = {
  build: { run: buildCommand, usage: BUILD_USAGE },
  copy: { run: copyCommand, usage: COPY_USAGE },
  gc: { run: gcCommand, usage: GC_USAGE },
  index: { run: indexCommand, usage: INDEX_USAGE },
  layers: { run: layersCommand, usage: LAYERS_USAGE },
  serve: { run: serveCommand, usage: SERVE_USAGE },
  untag: { run: untagCommand, usage: UNTAG_USAGE },
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
  const command = COMMANDS[name];
  if (!command) {
    const close = unknownCommand(name);
    process.stderr.write(`nixery: unknown command "${name}"${close ? `; did you mean "${close}"?` : ''}\n`);
    process.stderr.write(`Commands: ${Object.keys(COMMANDS).join(', ')}. Run "nixery --help" for more.\n`);
    return 2;
  }
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
