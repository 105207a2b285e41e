import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { untagImages } from '../lifecycle/untag.ts';
import { openDestination } from '../pipeline/destination.ts';
import type { OpenDestinationOptions } from '../pipeline/destination.ts';
import type { TaggedImage } from '../storage/image-store.ts';
import { ImageStore } from '../storage/image-store.ts';
import { commentMarker, upsertPullRequestComment } from './comment.ts';
import { runsWithoutSecrets } from './context.ts';
import { shaTag } from './tag-rules.ts';
import type { RunContext } from './context.ts';
import type { ActionInputs } from './inputs.ts';

// On `pull_request: closed` the action builds nothing: it removes the pull request's tags from the bucket
// (`pr-N`, and the `sha-` tags of its commits that no other tag names), deletes them from registries that allow
// it, and rewrites the sticky comment. The blobs stay until `nixery gc` finds them unreachable.

/** Where a registry's refusal sends people: GitHub's registry deletes package versions only through its REST API. */
const GHCR_NOTICE =
  'ghcr.io does not delete tags through the registry API; delete the package versions with the GitHub packages API ' +
  '(DELETE /orgs/{org}/packages/container/{name}/versions/{id}, or /user/packages/...), e.g. from a prune workflow';

export interface RegistryRemoval {
  registry: string;
  ref: string;
  outcome: 'deleted' | 'absent' | 'kept-shared' | 'unsupported' | 'failed';
}

export async function removePullRequestImages(inputs: ActionInputs, context: RunContext, options: OpenDestinationOptions): Promise<void> {
  const pr = context.pullRequest!;
  const withoutSecrets = runsWithoutSecrets(context);
  const { storage, registries } = await openDestination(
    { ...inputs.destinations, registries: withoutSecrets ? [] : inputs.destinations.registries },
    options,
  );
  const shaTags = [...new Set([...(await pullRequestCommits(inputs, context)), pr.headSha].filter(Boolean).map(shaTag))];
  const prTag = `pr-${pr.number}`;
  core.info(`Pull request #${pr.number} closed: removing ${prTag} and ${shaTags.join(', ') || 'no sha tags'} from ${storage.location}`);
  const { removed, kept } = await untagImages(new ImageStore(storage), { tags: [prTag], unlessShared: shaTags });
  for (const image of removed) core.info(`untagged ${image.name}:${image.tag}`);
  for (const image of kept) core.info(`kept ${image.name}:${image.tag}: another tag names the same image`);

  const removals: RegistryRemoval[] = [];
  for (const registry of registries) {
    let refused = false;
    for (const image of removed) {
      const ref = registry.reference(image.name, image.tag);
      let outcome: RegistryRemoval['outcome'];
      try {
        const siblings = new Set(removed.filter((other) => other.name === image.name).map((other) => other.tag));
        outcome = await registry.removeTag(image.name, image.tag, siblings);
      } catch (error) {
        core.warning(`Could not remove ${ref}: ${(error as Error).message}`);
        outcome = 'failed';
      }
      removals.push({ registry: registry.location, ref, outcome });
      if (outcome === 'unsupported') refused = true;
    }
    if (refused) {
      core.notice(
        `${registry.location} refused to delete tags; they are still there. ` +
          (registry.location.startsWith('ghcr.io') ? GHCR_NOTICE : "Delete them with the registry's own tools."),
      );
    }
  }
  core.setOutput('images', '[]');
  core.setOutput('removed', JSON.stringify(removed.map((i) => `${i.name}:${i.tag}`)));
  if (inputs.comment) await updateComment(inputs, context, removed, kept, removals);
}

/** The pull request's commits, from the API; only the head (in the payload) when there is no token or the API fails. */
async function pullRequestCommits(inputs: ActionInputs, context: RunContext): Promise<string[]> {
  const pr = context.pullRequest!;
  if (!inputs.githubToken) return [];
  const [owner = '', repo = ''] = pr.baseRepo.split('/');
  try {
    const octokit = getOctokit(inputs.githubToken);
    const commits = await octokit.paginate(octokit.rest.pulls.listCommits, { owner, repo, pull_number: pr.number, per_page: 100 });
    return commits.map((c) => c.sha);
  } catch (error) {
    core.warning(`Could not list the commits of #${pr.number} (${(error as Error).message}); removing the head commit's sha tag only.`);
    return [];
  }
}

export function renderClosedComment(removed: TaggedImage[], kept: TaggedImage[], removals: RegistryRemoval[], key = ''): string {
  const lines = [
    commentMarker(key),
    `### Nix images${key ? ` (${key})` : ''}`,
    '',
    'This pull request is closed; its images were removed.',
    '',
  ];
  if (removed.length === 0) lines.push('No tags of this pull request were in the bucket.');
  for (const image of removed) lines.push(`- ~~\`${image.name}:${image.tag}\`~~ removed`);
  for (const image of kept) lines.push(`- \`${image.name}:${image.tag}\` kept: another tag names the same image`);
  const refused = removals.filter((r) => r.outcome === 'unsupported' || r.outcome === 'failed' || r.outcome === 'kept-shared');
  if (removals.length > 0) {
    lines.push('', `Registries: ${removals.filter((r) => r.outcome === 'deleted').length} tags deleted.`);
    for (const r of refused) lines.push(`- \`${r.ref}\` still there (${r.outcome === 'kept-shared' ? 'another tag names it' : r.outcome})`);
  }
  lines.push('', 'Blobs no other tag uses are reclaimed by the next `nixery gc`.');
  return lines.join('\n') + '\n';
}

async function updateComment(
  inputs: ActionInputs,
  context: RunContext,
  removed: TaggedImage[],
  kept: TaggedImage[],
  removals: RegistryRemoval[],
): Promise<void> {
  if (!inputs.githubToken) return;
  try {
    const outcome = await upsertPullRequestComment(
      getOctokit(inputs.githubToken),
      context,
      renderClosedComment(removed, kept, removals, inputs.commentKey),
      inputs.commentKey,
    );
    if (outcome.status === 'skipped') core.notice(`Not updating the pull-request comment: ${outcome.reason}.`);
    else core.info(`Pull-request comment ${outcome.status}: ${outcome.url}`);
  } catch (error) {
    core.warning(`Could not update the pull-request comment: ${(error as Error).message}.`);
  }
}
