import { readFileSync } from 'node:fs';

// What the runner tells the action about this run (environment and event payload), read once and passed
// around as plain data so tags, comments and fork handling are testable without a runner.

export interface PullRequestInfo {
  number: number;
  /** owner/name of the repository the pull request comes from. */
  headRepo: string;
  /** owner/name of the repository it targets. */
  baseRepo: string;
  headSha: string;
}

export interface RunContext {
  eventName: string;
  /** owner/name from GITHUB_REPOSITORY. */
  repository: string;
  /** The commit the images are built for: the pull request's head, else GITHUB_SHA. */
  sha: string;
  pullRequest?: PullRequestInfo;
  /** GITHUB_REF: refs/heads/<branch>, refs/tags/<tag> or refs/pull/<n>/merge. */
  ref?: string;
  /** The repository's default branch, from the event payload. */
  defaultBranch?: string;
  /** The pushed head commit's time in seconds (push events carry it), for SOURCE_DATE_EPOCH. */
  headCommitTime?: number;
  apiUrl: string;
  serverUrl: string;
  runUrl?: string;
}

/** The parts of a pull_request event payload we read; any of them may be missing in a hand-made event. */
interface PullRequestPayload {
  number?: unknown;
  head?: { sha?: unknown; repo?: { full_name?: unknown } };
  base?: { repo?: { full_name?: unknown } };
}

export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const payload = readEventPayload(env.GITHUB_EVENT_PATH);
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const pr = payload.pull_request as PullRequestPayload | undefined;
  const pullRequest: PullRequestInfo | undefined =
    pr && typeof pr.number === 'number'
      ? {
          number: pr.number,
          headRepo: String(pr.head?.repo?.full_name ?? repository),
          baseRepo: String(pr.base?.repo?.full_name ?? repository),
          headSha: String(pr.head?.sha ?? ''),
        }
      : undefined;
  const sha = pullRequest?.headSha || env.GITHUB_SHA || '';
  const runUrl = repository && env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const defaultBranch = (payload.repository as { default_branch?: unknown } | undefined)?.default_branch;
  const headCommitTime = Date.parse(String((payload.head_commit as { timestamp?: unknown } | undefined)?.timestamp ?? ''));
  return {
    eventName,
    repository,
    sha,
    ...(pullRequest ? { pullRequest } : {}),
    ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
    ...(typeof defaultBranch === 'string' ? { defaultBranch } : {}),
    ...(Number.isFinite(headCommitTime) ? { headCommitTime: Math.floor(headCommitTime / 1000) } : {}),
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl,
    ...(runUrl ? { runUrl } : {}),
  };
}

function readEventPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`cannot read the event payload GITHUB_EVENT_PATH=${path}: ${(error as Error).message}`);
  }
}

/** A pull request from another repository: its `pull_request` token is read-only, so it cannot comment. */
export function isForkPullRequest(context: RunContext): boolean {
  const pr = context.pullRequest;
  return pr !== undefined && pr.headRepo.toLowerCase() !== pr.baseRepo.toLowerCase();
}

/**
 * A fork's pull request run by the `pull_request` event: GitHub gives it no secrets and a read-only token, so the
 * action neither comments nor pushes. (`pull_request_target` runs the base repository's workflow, with secrets.)
 */
export function runsWithoutSecrets(context: RunContext): boolean {
  return isForkPullRequest(context) && context.eventName === 'pull_request';
}
