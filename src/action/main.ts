import os from 'node:os';
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { buildImage } from '../pipeline/build-image.ts';
import { bucketDestination } from '../pipeline/destination.ts';
import type { BuildSettings } from '../settings/build-settings.ts';
import { parseTimeout } from '../settings/rules.ts';
import { formatBytes } from '../report/format.ts';
import { describeSource, resolveGitTag } from '../nix/source.ts';
import type { PackageSource } from '../nix/source.ts';
import { openStorage } from '../storage/open.ts';
import { formatBuildEvent } from './build-log.ts';
import { CACHE_STATE, encodeCacheState, planActionCache, restoreActionCache } from './cache.ts';
import { renderComment, upsertPullRequestComment } from './comment.ts';
import { imageTags, readRunContext } from './context.ts';
import type { RunContext } from './context.ts';
import { localStorageFolder, readActionInputs } from './inputs.ts';
import type { ActionInputs } from './inputs.ts';
import { setUpNix } from './install-nix.ts';
import { describeFailure, toImageReport } from './report.ts';
import type { ImageFailure, ImageReport } from './report.ts';
import { renderSummary } from './summary.ts';

// The action's main step: inputs -> Nix -> the shared build pipeline -> outputs, summary, comment. index.ts
// runs it; importing this module has no side effects, so tests can.

export async function run(): Promise<void> {
  const started = performance.now();
  const inputs = readActionInputs((name) => core.getInput(name), process.env.GITHUB_WORKSPACE ?? process.cwd());
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  const context = readRunContext(process.env);
  const tags = imageTags(context, inputs.tags);
  const timeoutMs = parseTimeout(undefined, process.env);

  await setUpNix(inputs.installNix, { token: inputs.githubToken, extraNixConf: inputs.extraNixConf });
  const storage = await openStorage(inputs.storage);
  const destination = bucketDestination(storage);
  const pinned = await pinSource(inputs);
  core.info(`Package set: ${pinned.label}; tags: ${tags.join(', ')}; bucket: ${storage.location}`);
  const settings: BuildSettings = {
    source: pinned.source,
    ...(pinned.sourceRef ? { sourceRef: pinned.sourceRef } : {}),
    budget: inputs.budget,
    compression: inputs.compression,
    timeoutMs,
  };

  const cachePlan = inputs.cache
    ? planActionCache({
        sourceId: pinned.label,
        images: inputs.images,
        budget: inputs.budget,
        compression: inputs.compression,
        localBucket: localStorageFolder(inputs.storage),
        home: os.homedir(),
        platform: process.platform,
        arch: process.arch,
      })
    : null;
  const restored = cachePlan ? await restoreActionCache(cachePlan) : null;

  const reports: ImageReport[] = [];
  const failures: ImageFailure[] = [];
  for (const image of inputs.images) {
    await core.group(`Image ${image}`, async () => {
      try {
        const result = await buildImage(image, tags, settings, destination, {
          onEvent: (event) => core.info(formatBuildEvent(event)),
        });
        const report = toImageReport(result, inputs.registry);
        core.info(
          `${report.ref} ${report.digest}: ${report.layers} layers, ${report.cachedLayers} from cache, ` +
            `${formatBytes(report.uploadedBytes)} uploaded`,
        );
        reports.push(report);
      } catch (error) {
        const failure = describeFailure(image, error);
        core.error(failure.message, { title: failure.title });
        failures.push(failure);
      }
    });
  }

  core.setOutput('images', JSON.stringify(reports));
  core.setOutput('digest', reports[0]?.digest ?? '');
  core.setOutput('refs', reports.flatMap((r) => r.refs).join('\n'));

  const totalSeconds = (performance.now() - started) / 1000;
  if (process.env.GITHUB_STEP_SUMMARY) {
    const summary = renderSummary(reports, failures, {
      storage: storage.location,
      registry: inputs.registry,
      source: pinned.label,
      totalSeconds,
    });
    await core.summary.addRaw(summary).write();
  }
  if (inputs.comment) await postComment(inputs, context, reports, failures);
  // Saved by the post step (post.ts), like actions/cache: it runs after the job's later steps.
  if (cachePlan && restored) {
    core.saveState(CACHE_STATE, encodeCacheState({ plan: cachePlan, restore: restored, failedImages: failures.length }));
  }

  if (failures.length > 0) {
    core.setFailed(`${failures.length} of ${inputs.images.length} images failed: ${failures.map((f) => f.image).join(', ')}`);
  }
}

interface PinnedSource {
  source: PackageSource;
  /** Cache identity and log label. */
  label: string;
  /** For git sources: the commit every image of this run is built from, resolved once. */
  sourceRef?: string;
}

async function pinSource(inputs: ActionInputs): Promise<PinnedSource> {
  const source = inputs.source;
  if (source.kind !== 'git') return { source, label: describeSource(source) };
  const target = await resolveGitTag(source.url, inputs.sourceRef ?? 'latest');
  return { source, label: describeSource(source, target.rev), sourceRef: target.rev };
}

async function postComment(inputs: ActionInputs, context: RunContext, reports: ImageReport[], failures: ImageFailure[]): Promise<void> {
  if (!context.pullRequest) return;
  if (!inputs.githubToken) {
    core.notice('Not commenting on the pull request: the github-token input is empty. The job summary has the report.');
    return;
  }
  const body = renderComment(reports, failures, context, inputs.registry);
  try {
    const outcome = await upsertPullRequestComment(getOctokit(inputs.githubToken), context, body);
    if (outcome.status === 'skipped') core.notice(`Not commenting on the pull request: ${outcome.reason}. The job summary has the report.`);
    else core.info(`Pull-request comment ${outcome.status}: ${outcome.url}`);
  } catch (error) {
    // The images are built and published; a flaky API must not turn that into a failed job.
    core.warning(`Could not write the pull-request comment: ${(error as Error).message}. The job summary has the report.`);
  }
}
