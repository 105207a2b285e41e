import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import leven from 'leven';
import { UsageError } from '../errors.ts';

// Every command's flags go through here, so a mistake reads the same everywhere: an unknown flag names the one
// the user probably meant, a flag given twice is refused unless it is meant to repeat, and a value that starts
// with "-" (a negative number) reaches the setting's own check instead of Node's parser text.

// `strict: true` may be spelled out by callers; parsing is always strict in effect.
type CommandArgsConfig = Omit<ParseArgsConfig, 'args' | 'strict' | 'tokens'> & { args: string[]; strict?: true };
type Parsed<T extends CommandArgsConfig> = ReturnType<typeof parseArgs<T & { strict: true }>>;

/** parseArgs with the checks above; same config and result shape (strict mode). */
export function parseCommandArgs<T extends CommandArgsConfig>(config: T): Parsed<T> {
  const options = config.options ?? {};
  // Lenient parsing keeps every token, so the checks below can say what is wrong in our words.
  const { args, allowPositionals, allowNegative } = config;
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals, allowNegative, strict: false, tokens: true });
  const seen = new Map<string, string[]>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) throw new UsageError(unknownOption(token.rawName, Object.keys(options)));
    const flag = `--${token.name}`;
    if (option.type === 'boolean' && token.value !== undefined) throw new UsageError(`${flag} takes no value, not "${token.value}"`);
    if (option.type === 'string') {
      if (token.value === undefined) throw new UsageError(`${flag} needs a value`);
      // `--out --tag v1` would take "--tag" as the bucket: a value that is one of our flags means one was left out.
      if (!token.inlineValue && isKnownFlag(token.value, options)) throw new UsageError(`${flag} needs a value before ${token.value}`);
    }
    seen.set(token.name, [...(seen.get(token.name) ?? []), token.rawName]);
  }
  for (const [name, given] of seen) {
    if (given.length > 1 && !options[name]?.multiple) {
      throw new UsageError(`--${name} was given ${given.length} times; it takes one value, so give it once`);
    }
  }
  if (!config.allowPositionals && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return { values, positionals } as Parsed<T>;
}

function isKnownFlag(value: string, options: NonNullable<ParseArgsConfig['options']>): boolean {
  const long = /^--([^=]+)/.exec(value)?.[1];
  if (long !== undefined) return long in options;
  const short = /^-([a-zA-Z])$/.exec(value)?.[1];
  return short !== undefined && Object.values(options).some((o) => o.short === short);
}

/** "unknown option --ouT; did you mean --out?" when one flag is close (by edit distance, case ignored). */
export function unknownOption(rawName: string, names: readonly string[]): string {
  const close = closestName(rawName.replace(/^-+/, ''), names, (name) => Math.max(1, Math.floor(name.length / 3)));
  return `unknown option ${rawName}${close ? `; did you mean --${close}?` : ''}`;
}

/** The name nearest to what was typed (case ignored), if it is within `maxDistance(name)` edits. */
export function closestName(typed: string, names: readonly string[], maxDistance: (name: string) => number): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = leven(typed.toLowerCase(), name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best !== undefined && best.distance <= maxDistance(best.name) ? best.name : undefined;
}
