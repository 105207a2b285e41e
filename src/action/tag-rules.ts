import semver from 'semver';
import { UsageError } from '../errors.ts';
import { isValidTag } from '../image/name.ts';
import type { RunContext } from './context.ts';

// The `tags` input: docker/metadata-action's rule lines (`type=semver,pattern={{version}}`) and literal tags, either
// bare or as the full references metadata-action's `tags` output prints, one per line. Every tag is lowercased
// and checked against the tag grammar; a line with a space in it is an error, never two tags.

export interface TagPlan {
  /** In order, without repeats: the first is the one each image is built under. */
  tags: string[];
  /** For org.opencontainers.image.version: the semver version when a semver rule applied, else the first tag. */
  version: string;
}

/** What the rules read from the run: the event's ref, the default branch and the commit. */
export type TagContext = Pick<RunContext, 'eventName' | 'sha' | 'pullRequest' | 'ref' | 'defaultBranch'>;

/** Without any `type=` line: `pr-<number>` on pull requests and `sha-<short commit>`, as before rules existed. */
const DEFAULT_RULES = ['type=ref,event=pr', 'type=sha'];
const SHORT_SHA = 7;
const RULE_TYPES = ['ref', 'semver', 'sha', 'raw', 'edge', 'schedule'] as const;
type RuleType = (typeof RULE_TYPES)[number];

export function planTags(lines: string[], context: TagContext): TagPlan {
  const entries = lines.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const rules = entries.filter(isRule);
  const literals = entries.filter((entry) => !isRule(entry));
  const tags: string[] = [];
  let version: string | undefined;
  for (const rule of rules.length > 0 ? rules : DEFAULT_RULES) {
    const produced = applyRule(rule, context);
    if (produced.version !== undefined && version === undefined) version = produced.version;
    tags.push(...produced.tags);
  }
  // metadata-action's default flavor (latest=auto): a release version is also `latest`.
  if (version !== undefined && semver.prerelease(version) === null) tags.push('latest');
  tags.push(...literals.map(literalTag));
  const unique = [...new Set(tags.map((tag) => checkedTag(tag.toLowerCase(), tag)))];
  if (unique.length === 0) {
    throw new UsageError(
      'tags: no rule gave a tag for this run (no commit, no pull request, no matching ref): add a literal tag or a type=raw rule',
    );
  }
  return { tags: unique, version: version ?? unique[0]! };
}

function isRule(entry: string): boolean {
  return /^type=/.test(entry);
}

/** A bare tag, or the tag of a full reference such as ghcr.io/acme/app:1.2.3 (metadata-action's `tags` output). */
function literalTag(entry: string): string {
  if (/\s/.test(entry)) throw new UsageError(`tags: "${entry}" contains a space: give one tag per line`);
  const lastSlash = entry.lastIndexOf('/');
  const colon = entry.lastIndexOf(':');
  if (lastSlash >= 0) {
    if (colon <= lastSlash) throw new UsageError(`tags: "${entry}" is a reference without a tag; give name:tag or a bare tag`);
    return entry.slice(colon + 1);
  }
  return colon >= 0 ? entry.slice(colon + 1) : entry;
}

function checkedTag(tag: string, given: string): string {
  if (!isValidTag(tag)) {
    throw new UsageError(`tags: "${given}" is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`);
  }
  return tag;
}

interface RuleResult {
  tags: string[];
  version?: string;
}

function applyRule(line: string, context: TagContext): RuleResult {
  const attributes = parseRule(line);
  const type = attributes.get('type') as RuleType;
  if (!enabled(attributes.get('enable'), context, line)) return { tags: [] };
  // prefix= and suffix= apply to every rule; pr and sha have metadata-action's default prefixes.
  const wrap = (value: string, defaultPrefix = '') =>
    `${attributes.get('prefix') ?? defaultPrefix}${value}${attributes.get('suffix') ?? ''}`;
  const branch = branchName(context);
  const gitTag = context.ref?.startsWith('refs/tags/') ? context.ref.slice('refs/tags/'.length) : undefined;
  switch (type) {
    case 'ref': {
      const event = attributes.get('event');
      if (event === 'branch') return { tags: branch && !context.pullRequest ? [wrap(sanitise(branch))] : [] };
      if (event === 'tag') return { tags: gitTag ? [wrap(sanitise(gitTag))] : [] };
      if (event === 'pr') return { tags: context.pullRequest ? [wrap(String(context.pullRequest.number), 'pr-')] : [] };
      throw new UsageError(`tags: "${line}": type=ref needs event=branch, event=tag or event=pr`);
    }
    case 'semver': {
      const pattern = attributes.get('pattern');
      if (!pattern) throw new UsageError(`tags: "${line}": type=semver needs a pattern, e.g. pattern={{version}}`);
      const parsed = semver.parse(attributes.get('value') ?? gitTag ?? '', { loose: true });
      if (!parsed) return { tags: [] };
      // As metadata-action: a pre-release only gets the patterns that keep its whole version.
      if (parsed.prerelease.length > 0 && !pattern.includes('{{version}}')) return { tags: [] };
      const value = pattern
        .replaceAll('{{version}}', parsed.version)
        .replaceAll('{{major}}', String(parsed.major))
        .replaceAll('{{minor}}', String(parsed.minor))
        .replaceAll('{{patch}}', String(parsed.patch))
        .replaceAll('{{raw}}', gitTag ?? parsed.raw);
      return { tags: [wrap(value)], version: parsed.version };
    }
    case 'sha': {
      if (!context.sha) return { tags: [] };
      const sha = attributes.get('format') === 'long' ? context.sha : context.sha.slice(0, SHORT_SHA);
      return { tags: [wrap(sha, 'sha-')] };
    }
    case 'raw': {
      const value = attributes.get('value');
      if (value === undefined || value === '') throw new UsageError(`tags: "${line}": type=raw needs a value, e.g. value=latest`);
      const expanded = value
        .replaceAll('{{branch}}', sanitise(branch ?? ''))
        .replaceAll('{{tag}}', sanitise(gitTag ?? ''))
        .replaceAll('{{sha}}', context.sha.slice(0, SHORT_SHA));
      return { tags: [wrap(expanded)] };
    }
    case 'schedule':
      return { tags: context.eventName === 'schedule' ? [wrap(attributes.get('pattern') ?? 'nightly')] : [] };
    case 'edge': {
      const edgeBranch = attributes.get('branch') ?? context.defaultBranch;
      return { tags: branch !== undefined && branch === edgeBranch && !context.pullRequest ? [wrap('edge')] : [] };
    }
  }
}

/** `type=…,key=value,…`; every key once, the type one we know. */
function parseRule(line: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of line.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) throw new UsageError(`tags: "${line}": "${part}" is not key=value`);
    const key = part.slice(0, at).trim();
    if (attributes.has(key)) throw new UsageError(`tags: "${line}" gives ${key} twice`);
    attributes.set(key, part.slice(at + 1).trim());
  }
  const type = attributes.get('type')!;
  if (!(RULE_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`tags: "${line}": unknown rule type "${type}"; known: ${RULE_TYPES.join(', ')}`);
  }
  return attributes;
}

function enabled(value: string | undefined, context: TagContext, line: string): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  if (value === '{{is_default_branch}}') return !context.pullRequest && branchName(context) === context.defaultBranch;
  if (value === '{{is_not_default_branch}}') return context.pullRequest !== undefined || branchName(context) !== context.defaultBranch;
  throw new UsageError(`tags: "${line}": enable must be true, false, {{is_default_branch}} or {{is_not_default_branch}}`);
}

function branchName(context: TagContext): string | undefined {
  return context.ref?.startsWith('refs/heads/') ? context.ref.slice('refs/heads/'.length) : undefined;
}

/** Branch and git tag names may hold "/" and other characters tags cannot: each becomes "-", as metadata-action does. */
function sanitise(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[.-]+/, '');
}
