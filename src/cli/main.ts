import { buildCommand, BUILD_USAGE } from './build-command.ts';
import { layersCommand, LAYERS_USAGE } from './layers-command.ts';
import { serveCommand, SERVE_USAGE } from './serve-command.ts';
import { InvalidNameError } from '../image/name.ts';
import { UsageError } from '../errors.ts';

const USAGE = `Usage: nixery <command> [options]

Commands:
  build NAME...   build layered OCI images of Nix packages into a bucket
  layers          plan layers for a closure graph read on stdin
  serve           serve a bucket's images read-only over the registry API

Run "nixery <command> --help" for a command's options.`;

const COMMANDS: Record<string, { run: (args: string[]) => Promise<void>; usage: string }> = {
  build: { run: buildCommand, usage: BUILD_USAGE },
  layers: { run: layersCommand, usage: LAYERS_USAGE },
  serve: { run: serveCommand, usage: SERVE_USAGE },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`nixery: unknown command "${name}"\n\n${USAGE}\n`);
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
    return reportError(error, command.usage);
  }
}

/** Users see the message that names the problem; a stack trace only for bugs (errors we did not anticipate). */
function reportError(error: unknown, usage: string): number {
  const err = error instanceof Error ? error : new Error(String(error));
  // A bad image name or tag, and parseArgs' own errors (unknown flag, missing value), are usage errors too.
  const usageError =
    err instanceof UsageError || err instanceof InvalidNameError || (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`\nnixery: error: ${err.message}\n`);
  if (usageError) {
    process.stderr.write(`\n${usage}\n`);
    return 2;
  }
  if (process.env.NIXERY_DEBUG) process.stderr.write(`${err.stack}\n`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
