import type { getOctokit } from '@actions/github';
import { formatBytes, shortDigest } from '../report/format.ts';
import { imageReference, pullReferences, sourceRevisions } from './report.ts';
import type { ImageFailure, ImageReport, PullSource } from './report.ts';
import { runsWithoutSecrets } from './context.ts';
import type { RunContext } from './context.ts';

// One sticky comment per pull request: found again by a hidden marker, so re-runs update it instead of piling up.

export const COMMENT_MARKER = '<!-- nixery-action:images -->';

/** The marker of the comment for `key` (the comment-key input): each key has its own sticky comment. */
export function commentMarker(key: string): string {
  return key === '' ? COMMENT_MARKER : `<!-- nixery-action:images:${key} -->`;
}

type Octokit = ReturnType<typeof getOctokit>;

export function renderComment(images: ImageReport[], failures: ImageFailure[], context: RunContext, pull: PullSource, key = ''): string {
  const lines = [commentMarker(key), `### Nix images${key ? ` (${key})` : ''}`, ''];
  if (context.sha) lines.push(`Built for ${context.sha.slice(0, 7)}${context.runUrl ? ` in [this run](${context.runUrl})` : ''}.`, '');
  const revisions = sourceRevisions(images);
  if (revisions.length > 0) lines.push(`Packages from revision ${revisions.map((r) => `\`${r}\``).join(', ')}.`, '');
  if (images.length > 0) {
    lines.push('| Image | Digest | Size | Layers (cached) |', '| --- | --- | ---: | ---: |');
    for (const image of images) {
      lines.push(
        `| \`${image.ref}\` | \`${shortDigest(image.digest)}\` | ${formatBytes(image.size)} | ${image.layers} (${image.cachedLayers}) |`,
      );
    }
    const pushed = images.flatMap((image) => image.pushed);
    if (pushed.length > 0) {
      lines.push('', 'Pushed:', '');
      for (const ref of pushed) lines.push(`- \`${ref}\``);
    }
    lines.push('', '```sh');
    for (const image of images) {
      const pulls = pullReferences(image, pull);
      // Without a registry the digest reference still names the exact image in the bucket.
      if (pulls.length === 0) lines.push(`# ${imageReference('', image.name, image.digest)}`);
      for (const ref of pulls) lines.push(`docker pull ${ref}`);
    }
    lines.push('```');
  }
  if (failures.length > 0) {
    lines.push('', 'Failed:', '');
    for (const failure of failures) lines.push(`- \`${failure.image}\`: ${failure.title}`);
  }
  return lines.join('\n') + '\n';
}

export type CommentOutcome = { status: 'created' | 'updated'; id: number; url: string } | { status: 'skipped'; reason: string };

/**
 * Creates the comment once, then updates it. A token that may not write (fork pull requests get a read-only
 * token; the API then answers 403, or 404 for a repository it cannot see) is not a failure: the job summary
 * carries the same report, so the outcome says why the comment was skipped.
 */
export async function upsertPullRequestComment(octokit: Octokit, context: RunContext, body: string, key = ''): Promise<CommentOutcome> {
  const marker = commentMarker(key);
  const pr = context.pullRequest;
  if (!pr) return { status: 'skipped', reason: 'this run is not for a pull request' };
  if (runsWithoutSecrets(context)) {
    return {
      status: 'skipped',
      reason: `the pull request comes from the fork ${pr.headRepo}, whose token cannot comment on ${pr.baseRepo}`,
    };
  }
  const [owner = '', repo = ''] = pr.baseRepo.split('/');
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: pr.number, per_page: 100 });
    const existing = comments.find((c) => c.body?.includes(marker));
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
      return { status: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: pr.number, body });
    return { status: 'created', id: data.id, url: data.html_url };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 403 || status === 404) {
      return {
        status: 'skipped',
        reason: `the token may not comment on ${pr.baseRepo}#${pr.number} (HTTP ${status}); give the job "pull-requests: write"`,
      };
    }
    throw error;
  }
}
