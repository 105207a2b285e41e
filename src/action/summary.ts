import { builtWhere, derivationsByBuilder, LOCAL_BUILDER } from '../nix/activity.ts';
import { formatBytes, formatSeconds, shortDigest } from '../report/format.ts';
import { sbomReferences } from './provenance.ts';
import { pullReferences, sourceRevisions } from './report.ts';
import type { ImageFailure, ImageReport, PullSource } from './report.ts';

// The job summary: the report that always exists, even when the pull-request comment cannot be written.

export interface SummaryContext extends PullSource {
  /** The bucket's location. */
  storage: string;
  /** True when no `storage` was given and the bucket is the local cache folder. */
  bucketIsCache: boolean;
  /** Registries named in `push` that this run did not push to (fork pull requests), as `docker://HOST/PREFIX`. */
  skippedRegistries: string[];
  source: string;
  totalSeconds: number;
}

export function renderSummary(images: ImageReport[], failures: ImageFailure[], context: SummaryContext): string {
  const lines = ['## Nix images', ''];
  const places = [
    `${context.bucketIsCache ? 'Cache folder' : 'Bucket'} \`${context.storage}\``,
    ...context.registries.map((registry) => `registry \`${registry.location}\``),
  ];
  lines.push(
    `${places.join(' · ')} · package set \`${context.source}\` · ${images.length} built` +
      (failures.length ? `, ${failures.length} failed` : '') +
      ` in ${formatSeconds(context.totalSeconds)}`,
    '',
  );
  const revisions = sourceRevisions(images);
  if (revisions.length > 0) lines.push(`Packages from revision ${revisions.map((r) => `\`${r}\``).join(', ')}.`, '');
  if (context.skippedRegistries.length > 0) {
    lines.push(
      `Not pushed to ${context.skippedRegistries.map((r) => `\`${r}\``).join(', ')}: a pull request from a fork gets no secrets ` +
        'or write token.',
      '',
    );
  }
  if (images.length > 0) {
    // Short digests keep the table inside GitHub's summary width; the full digests are in the pull commands below.
    lines.push('| Image | Tags | Digest | Size | Cached layers | Uploaded | Time |');
    lines.push('| --- | --- | --- | ---: | ---: | ---: | ---: |');
    for (const image of images) {
      lines.push(
        `| \`${image.name}\`${image.platforms ? ` (${image.platforms.map((p) => p.platform).join(', ')})` : ''} | ${image.tags.map((t) => `\`${t}\``).join(' ')} | \`${shortDigest(image.digest)}\` | ${formatBytes(image.size)} ` +
          `| ${image.cachedLayers}/${image.layers}${image.manifestCacheHit ? ' (manifest)' : ''} ` +
          `| ${formatBytes(image.uploadedBytes)} | ${formatSeconds(image.seconds)} |`,
      );
    }
    lines.push('');
    lines.push(...nixLines(images));
    const pushed = images.flatMap((image) => image.pushed);
    if (pushed.length > 0) {
      lines.push('Pushed:', '');
      for (const ref of pushed) lines.push(`- \`${ref}\``);
      lines.push('');
    }
    const pulls = images.flatMap((image) => pullReferences(image, context));
    if (pulls.length > 0) {
      lines.push('Pull by digest:', '', '```sh');
      for (const ref of pulls) lines.push(`docker pull ${ref}`);
      lines.push('```', '');
    }
    const sboms = sbomReferences(images, context);
    if (sboms.length > 0) {
      lines.push(
        'SBOM (CycloneDX 1.6, every store path of the image; an OCI artifact referring to the image, listed by the ' +
          "registry's referrers API or its `sha256-<digest>` tag):",
        '',
      );
      for (const ref of sboms) lines.push(`- \`${ref}\``);
      lines.push('');
    }
  }
  for (const failure of failures) {
    lines.push(`### ❌ \`${failure.image}\`: ${failure.title}`, '', '```', failure.message, '```', '');
  }
  return lines.join('\n');
}

/** Where Nix built each image's derivations and the closure pushes, when remote builders or a cache push were used. */
function nixLines(images: ImageReport[]): string[] {
  const remote = images.some((image) => image.nixBuilds?.some((b) => b.builder !== LOCAL_BUILDER) || image.closurePush);
  if (!remote) return [];
  const lines = images.flatMap((image) => {
    if (image.nixBuilds === undefined) return [];
    const built = [...derivationsByBuilder(image.nixBuilds)].map(
      ([builder, drvs]) => `${drvs.length} ${builtWhere(builder).replace(/^on (.*)$/, 'on `$1`')}`,
    );
    const push = image.closurePush;
    return [
      `- \`${image.name}\`: built ${image.nixBuilds.length} derivations${built.length ? ` (${built.join(', ')})` : ''}, ` +
        `${image.substitutedPaths ?? 0} store paths from caches` +
        (push?.pushed ? `; closure pushed to \`${push.url}\` (${push.paths} paths)` : '') +
        (push && !push.pushed ? `; ⚠️ closure push to \`${push.url}\` failed: ${push.error}` : ''),
    ];
  });
  return lines.length > 0 ? ['Nix builds:', '', ...lines, ''] : [];
}
