import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { OciKey, parseSourceDateEpoch } from '../image/metadata.ts';
import type { KeyValues } from '../image/metadata.ts';
import type { RunContext } from './context.ts';

// What the action says about every image of a run: the repository and commit that built it (so ghcr.io links the
// image to its repository), the version from the tag rules, and the commit time as SOURCE_DATE_EPOCH.

/** The run's keys, as labels and as annotations, under the labels and annotations inputs (which override them). */
export function runMetadata(
  context: Pick<RunContext, 'serverUrl' | 'repository' | 'sha'>,
  version: string,
  given: { labels: KeyValues; annotations: KeyValues },
): { labels: KeyValues; annotations: KeyValues } {
  const repositoryUrl = context.repository ? `${context.serverUrl}/${context.repository}` : undefined;
  const own: KeyValues = {
    ...(repositoryUrl ? { [OciKey.source]: repositoryUrl, [OciKey.url]: repositoryUrl } : {}),
    ...(context.sha ? { [OciKey.revision]: context.sha } : {}),
    [OciKey.version]: version,
  };
  return { labels: { ...own, ...given.labels }, annotations: { ...own, ...given.annotations } };
}

const execFileAsync = promisify(execFile);

/**
 * SOURCE_DATE_EPOCH when the job sets it; else the commit's time from the checkout in the workspace; else the
 * pushed head commit's time from the event; else none (images keep the fixed 1970 time).
 */
export async function runSourceDateEpoch(
  env: NodeJS.ProcessEnv,
  context: Pick<RunContext, 'sha' | 'headCommitTime'>,
  workspace: string,
): Promise<number | undefined> {
  const given = parseSourceDateEpoch(env.SOURCE_DATE_EPOCH);
  if (given !== undefined) return given;
  if (context.sha) {
    try {
      const { stdout } = await execFileAsync('git', ['-C', workspace, 'log', '-1', '--format=%ct', context.sha], { timeout: 30_000 });
      const seconds = parseSourceDateEpoch(stdout.trim());
      if (seconds !== undefined) return seconds;
    } catch {
      // no checkout (or not this commit): the event may still say when it was made
    }
  }
  return context.headCommitTime;
}
