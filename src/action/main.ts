import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { describeDestination } from '../distribution/reference.ts';
import { buildImage } from '../pipeline/build-image.ts';
import { openDestination } from '../pipeline/destination.ts';
import type { OpenDestinationOptions } from '../pipeline/destination.ts';
import type { BuildSettings } from '../settings/build-settings.ts';
import { parseTimeout } from '../settings/rules.ts';
import { formatBytes } from '../report/format.ts';
import { readFlakeMetadata } from '../nix/flake.ts';
import { resolveGitTag } from '../nix/resolve-source.ts';
import { describeSource } from '../nix/source.ts';
import type { PackageSource } from '../nix/source.ts';
import { formatBuildEvent } from './build-log.ts';
import { CACHE_STATE, encodeCacheState, planActionCache, restoreActionCache } from './cache.ts';
import { renderComment, upsertPullRequestComment } from './comment.ts';
import { removePullRequestImages } from './closed.ts';
import { isClosedPullRequest, readRunContext, runsWithoutSecrets } from './context.ts';
import type { RunContext } from './context.ts';
import { localStorageFolder, readActionInputs } from './inputs.ts';
import type { ActionInputs } from './inputs.ts';
import { setUpNix } from './install-nix.ts';
import { provenanceSubjects, sbomDigests, subjectChecksums } from './provenance.ts';
import type { ProvenanceSubject } from './provenance.ts';
import { describeFailure, toImageReport } from './report.ts';
import type { ImageFailure, ImageReport, PullSource } from './report.ts';
import { runMetadata, runSourceDateEpoch } from './run-metadata.ts';
import { renderSummary } from './summary.ts';
import { planTags } from './tag-rules.ts';

// The action's main step: inputs -> Nix -> the shared build pipeline -> outputs, summary, comment. index.ts
// runs it; importing this module has no side effects, so tests can.

/** The registry the github-token input may push to when no docker or podman config has credentials for it. */
const GITHUB_TOKEN_REGISTRY = 'ghcr.io';

export async function run(): Promise<void> {
  const started = performance.now();
  const inputs = readActionInputs((name) => core.getInput(name), process.env.GITHUB_WORKSPACE ?? process.cwd(), process.env);
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  for (const warning of inputs.warnings) core.warning(warning);
  const context = readRunContext(process.env);
  if (isClosedPullRequest(context)) {
    await removePullRequestImages(inputs, context, githubTokenCredentials(inputs.githubToken));
    return;
  }
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const { tags, version } = planTags(inputs.tags, context);
  const sourceDateEpoch = await runSourceDateEpoch(process.env, context, workspace);
  const metadata = runMetadata(context, version, inputs);
  const timeoutMs = parseTimeout(undefined, process.env);

  const nixSettingsGiven = Object.keys(inputs.nix.nix).length > 0 || inputs.nix.closurePush !== undefined;
  await setUpNix(inputs.installNix, {
    token: inputs.githubToken,
    extraNixConf: inputs.extraNixConf,
    ...(nixSettingsGiven ? { trustedUser: os.userInfo().username } : {}),
  });
  // A fork's pull request has no secrets (and a read-only token): it builds into the bucket and pushes nothing.
  const withoutSecrets = runsWithoutSecrets(context);
  const skippedRegistries = withoutSecrets ? inputs.destinations.registries.map(describeDestination) : [];
  if (skippedRegistries.length > 0) {
    core.notice(
      `Not pushing to ${skippedRegistries.join(', ')}: this pull request comes from the fork ${context.pullRequest?.headRepo}, ` +
        'whose runs get no secrets or write token. The images are still built (into ' +
        `${inputs.destinations.bucketIsCache ? 'the local cache folder' : 'the bucket'} ${inputs.destinations.bucket}).`,
    );
  }
  const { destination, storage, registries } = await openDestination(
    { ...inputs.destinations, registries: withoutSecrets ? [] : inputs.destinations.registries },
    githubTokenCredentials(inputs.githubToken),
  );
  const pull: PullSource = { pullHost: inputs.pullHost, registries };
  const pinned = await pinSource(inputs);
  core.info(
    `Package set: ${pinned.label}; tags: ${tags.join(', ')}; ${inputs.destinations.bucketIsCache ? 'cache folder' : 'bucket'}: ` +
      `${storage.location}${registries.length > 0 ? `; pushing to ${registries.map((r) => r.location).join(', ')}` : ''}`,
  );
  const settings: BuildSettings = {
    source: pinned.source,
    ...(pinned.sourceRef ? { sourceRef: pinned.sourceRef } : {}),
    budget: inputs.budget,
    compression: inputs.compression,
    timeoutMs,
    ...metadata,
    ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
    ...(inputs.platforms ? { platforms: inputs.platforms } : {}),
    ...(inputs.merge ? { mergePlatforms: true } : {}),
    nix: inputs.nix.nix,
    ...(inputs.nix.closurePush ? { closurePush: inputs.nix.closurePush } : {}),
  };

  const cachePlan = inputs.cache
    ? planActionCache({
        sourceId: pinned.label,
        images: [...inputs.images, ...inputs.imageSpecs.map((spec) => spec.name)],
        budget: inputs.budget,
        compression: inputs.compression,
        localBucket: localStorageFolder(inputs.destinations.bucket),
        home: os.homedir(),
        platform: process.platform,
        arch: process.arch,
      })
    : null;
  const restored = cachePlan ? await restoreActionCache(cachePlan) : null;

  const reports: ImageReport[] = [];
  const failures: ImageFailure[] = [];
  for (const request of [...inputs.images, ...inputs.imageSpecs]) {
    const image = typeof request === 'string' ? request : request.name;
    await core.group(`Image ${image}`, async () => {
      try {
        const result = await buildImage(request, tags, settings, destination, {
          onEvent: (event) => {
            core.info(formatBuildEvent(event));
            // The image is built either way; the warning says why other runners will build it again.
            if (event.type === 'closure-push' && !event.result.pushed)
              core.warning(formatBuildEvent(event), { title: 'Nix cache push failed' });
          },
        });
        const report = toImageReport(result, inputs.pullHost, registries);
        core.info(
          `${report.ref} ${report.digest}: ${report.layers} layers, ${report.cachedLayers} from cache, ` +
            `${formatBytes(report.uploadedBytes)} uploaded`,
        );
        for (const ref of report.pushed) core.info(`pushed ${ref}`);
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
  // Every pullable reference: the bucket's (not the local cache folder's), then every registry's.
  core.setOutput('refs', reports.flatMap((r) => [...(inputs.destinations.bucketIsCache ? [] : r.refs), ...r.pushed]).join('\n'));

  const subjects = provenanceSubjects(reports, pull);
  core.setOutput('subject-name', subjects[0]?.name ?? '');
  core.setOutput('subject-digest', subjects[0]?.digest ?? '');
  core.setOutput('subject-checksums', subjects.length > 0 ? await writeSubjectChecksums(subjects) : '');
  core.setOutput('sbom-digests', reports.flatMap((r) => sbomDigests(r).map((d) => `${r.name}@${d}`)).join('\n'));

  const totalSeconds = (performance.now() - started) / 1000;
  if (inputs.summary && process.env.GITHUB_STEP_SUMMARY) {
    const summary = renderSummary(reports, failures, {
      storage: storage.location,
      bucketIsCache: inputs.destinations.bucketIsCache,
      skippedRegistries,
      ...pull,
      source: pinned.label,
      totalSeconds,
    });
    await core.summary.addRaw(summary).write();
  }
  if (inputs.comment) await postComment(inputs, context, reports, failures, pull);
  // Saved by the post step (post.ts), like actions/cache: it runs after the job's later steps.
  if (cachePlan && restored) {
    core.saveState(CACHE_STATE, encodeCacheState({ plan: cachePlan, restore: restored, failedImages: failures.length }));
  }

  if (failures.length > 0) {
    core.setFailed(
      `${failures.length} of ${inputs.images.length + inputs.imageSpecs.length} images failed: ${failures.map((f) => f.image).join(', ')}`,
    );
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
  if (source.kind === 'flake') {
    const flake = await readFlakeMetadata(source.ref, inputs.nix.nix);
    if (!flake.pinned)
      core.warning(`The flake ${source.ref} is not pinned: ${flake.unpinnedBecause}. Its images are built but not cached.`);
    return { source, label: describeSource(source, flake.revision) };
  }
  // A git source from a flake.lock is fixed already: no ref to resolve.
  if (source.kind !== 'git' || source.rev) return { source, label: describeSource(source) };
  const target = await resolveGitTag(source.url, inputs.sourceRef ?? 'latest');
  return { source, label: describeSource(source, target.rev), sourceRef: target.rev };
}

/** The subject-checksums file for actions/attest-build-provenance, in the runner's temp folder. */
async function writeSubjectChecksums(subjects: ProvenanceSubject[]): Promise<string> {
  const dir = await mkdtemp(path.join(process.env.RUNNER_TEMP ?? os.tmpdir(), 'nixery-subjects-'));
  const file = path.join(dir, 'subjects.sha256');
  await writeFile(file, subjectChecksums(subjects));
  return file;
}

/** The github-token input as ghcr.io credentials, used only when no docker or podman config has any for ghcr.io. */
function githubTokenCredentials(token: string): OpenDestinationOptions {
  if (!token) return {};
  return {
    fallbackCredentials: {
      host: GITHUB_TOKEN_REGISTRY,
      credentials: { username: 'x-access-token', password: token },
      source: 'the github-token input',
    },
  };
}

async function postComment(
  inputs: ActionInputs,
  context: RunContext,
  reports: ImageReport[],
  failures: ImageFailure[],
  pull: PullSource,
): Promise<void> {
  if (!context.pullRequest) return;
  if (!inputs.githubToken) {
    core.notice('Not commenting on the pull request: the github-token input is empty. The job summary has the report.');
    return;
  }
  const body = renderComment(reports, failures, context, pull, inputs.commentKey);
  try {
    const outcome = await upsertPullRequestComment(getOctokit(inputs.githubToken), context, body, inputs.commentKey);
    if (outcome.status === 'skipped') core.notice(`Not commenting on the pull request: ${outcome.reason}. The job summary has the report.`);
    else core.info(`Pull-request comment ${outcome.status}: ${outcome.url}`);
  } catch (error) {
    // The images are built and published; a flaky API must not turn that into a failed job.
    core.warning(`Could not write the pull-request comment: ${(error as Error).message}. The job summary has the report.`);
  }
}
