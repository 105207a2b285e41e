import { formatBytes, formatSeconds } from '../report/format.ts';
import { imageReference } from './report.ts';
import type { ImageFailure, ImageReport } from './report.ts';

// The job summary: the report that always exists, even when the pull-request comment cannot be written.

export interface SummaryContext {
  storage: string;
  registry: string;
  source: string;
  totalSeconds: number;
}

export function renderSummary(images: ImageReport[], failures: ImageFailure[], context: SummaryContext): string {
  const lines = ['## Nix images', ''];
  lines.push(
    `Bucket \`${context.storage}\` · package set \`${context.source}\` · ${images.length} built` +
      (failures.length ? `, ${failures.length} failed` : '') +
      ` in ${formatSeconds(context.totalSeconds)}`,
    '',
  );
  if (images.length > 0) {
    lines.push('| Image | Tags | Digest | Size | Layers | Cache hits | Uploaded | Time |');
    lines.push('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const image of images) {
      lines.push(
        `| \`${image.name}\` | ${image.tags.map((t) => `\`${t}\``).join(' ')} | \`${image.digest}\` | ${formatBytes(image.size)} ` +
          `| ${image.layers} | ${image.cachedLayers}/${image.layers}${image.manifestCacheHit ? ' (manifest)' : ''} ` +
          `| ${formatBytes(image.uploadedBytes)} | ${formatSeconds(image.seconds)} |`,
      );
    }
    lines.push('');
    if (context.registry) {
      lines.push('Pull by digest:', '', '```sh');
      for (const image of images) lines.push(`docker pull ${imageReference(context.registry, image.name, image.digest)}`);
      lines.push('```', '');
    }
  }
  for (const failure of failures) {
    lines.push(`### ❌ \`${failure.image}\`: ${failure.title}`, '', '```', failure.message, '```', '');
  }
  return lines.join('\n');
}
