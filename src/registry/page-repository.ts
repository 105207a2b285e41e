import { IMAGE_CREATED } from '../oci/config.ts';
import { formatBytes, shortDigest } from '../report/format.ts';
import { copyRow, escapeHtml, plural, pullByDigestCommand, pullCommand, renderDocument } from './page.ts';
import { repositoryPagePath } from './router.ts';
import type { PageImage, PageLayer, RepositoryPageModel, SharingImage } from './page-model.ts';

// One repository's page (`/-/repository/NAME`): each image (tags sharing a digest), its platform, digest, created
// time, package-set revision, labels and annotations, pull commands by tag and by digest, and its layers with
// their store paths and the other images in the bucket that hold the same layer. Unreadable tags show their problem.

/** Names listed per shared layer; the count says how many more there are. */
const MAX_SHARING_NAMES = 8;

export function renderRepositoryPage(model: RepositoryPageModel, host: string): string {
  const ids = { next: 0 };
  const readable = model.images.filter((image) => image.digest !== null);
  const tagCount = model.images.reduce((sum, image) => sum + image.tags.length, 0);
  const notes = [
    model.omittedTags > 0
      ? `${model.omittedTags} more tags are not shown; list them with <code>/v2/${escapeHtml(model.name)}/tags/list</code>.`
      : '',
    model.sharingComplete ? '' : 'The bucket holds more tags than this page reads, so layer sharing may be undercounted.',
  ].filter(Boolean);
  const body = `<h1 class="repository">${escapeHtml(model.name)}</h1>
<p class="muted">${plural(tagCount, 'tag', 'tags')} in ${plural(readable.length, 'image', 'images')}. <a href="/">All repositories</a></p>
${model.images.map((image) => renderImage(model.name, image, host, ids)).join('\n')}
${notes.map((note) => `<p class="muted">${note}</p>`).join('\n')}`;
  return renderDocument(`${model.name}: nixery registry at ${host}`, host, body);
}

function renderImage(repository: string, image: PageImage, host: string, ids: { next: number }): string {
  const tags = `<div class="tags">${image.tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join('')}</div>`;
  if (image.digest === null) {
    return `<article class="image unreadable">
${tags}
<p class="problem">${escapeHtml(image.problem ?? 'this tag cannot be read')}</p>
</article>`;
  }
  const pulls = [
    ...image.tags.map((tag) => copyRow(`pull-${ids.next++}`, pullCommand(host, repository, tag), `pull command for ${tag}`)),
    copyRow(`pull-${ids.next++}`, pullByDigestCommand(host, repository, image.digest), 'pull command by digest'),
  ];
  return `<article class="image" data-digest="${escapeHtml(image.digest)}">
${tags}
${renderFacts(image)}
<h3>Pull</h3>
<div class="pulls">${pulls.join('\n')}</div>
${image.problem ? `<p class="problem">${escapeHtml(image.problem)}</p>` : ''}
${renderKeyValues('Labels', 'labels', image.labels)}
${renderKeyValues('Annotations', 'annotations', image.annotations)}
${image.layers ? renderLayers(image.layers) : ''}
${(image.platforms ?? []).map((platform) => renderPlatform(repository, platform, host, ids)).join('\n')}
</article>`;
}

function renderFacts(image: PageImage): string {
  const facts: [string, string][] = [
    ['digest', `<code class="digest">${escapeHtml(image.digest ?? '')}</code>`],
    ['size', `<span class="size">${formatBytes(image.size)}</span> <span class="muted">(compressed, what a first pull downloads)</span>`],
  ];
  if (image.architecture || image.os) facts.push(['platform', escapeHtml(platformOf(image))]);
  if (image.created) {
    const fixed = image.created === IMAGE_CREATED ? ' <span class="muted">(fixed, so equal inputs give equal digests)</span>' : '';
    facts.push(['created', `<time class="created">${escapeHtml(image.created)}</time>${fixed}`]);
  }
  if (image.revision) facts.push(['package set revision', `<code class="revision">${escapeHtml(image.revision)}</code>`]);
  facts.push(['media type', `<code>${escapeHtml(image.mediaType)}</code>`]);
  if (image.manifestCount !== null) facts.push(['manifests', String(image.manifestCount)]);
  if (image.platforms?.length) facts.push(['platforms', escapeHtml(image.platforms.map(platformOf).join(', '))]);
  return `<dl>${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

/** One platform of an index: what `docker pull` fetches on a machine of that platform. */
function renderPlatform(repository: string, image: PageImage, host: string, ids: { next: number }): string {
  const pull = image.digest
    ? copyRow(`pull-${ids.next++}`, pullByDigestCommand(host, repository, image.digest), `pull command for ${platformOf(image)}`)
    : '';
  return `<section class="platform" data-platform="${escapeHtml(platformOf(image))}">
<h3>${escapeHtml(platformOf(image))}</h3>
${renderFacts(image)}
${pull}
${image.problem ? `<p class="problem">${escapeHtml(image.problem)}</p>` : ''}
${image.layers ? renderLayers(image.layers) : ''}
</section>`;
}

function renderKeyValues(title: string, className: string, values: Record<string, string>): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return '';
  return `<details class="${className}"${className === 'labels' ? ' open' : ''}><summary>${title} (${entries.length})</summary>
<dl>${entries.map(([key, value]) => `<dt><code>${escapeHtml(key)}</code></dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
</details>`;
}

function renderLayers(layers: PageLayer[]): string {
  const rows = layers.map((layer, i) => {
    const contents =
      layer.storePaths.length > 0
        ? layer.storePaths.map((p) => `<code>${escapeHtml(p)}</code>`).join('')
        : `<span class="muted">${escapeHtml(layer.description ?? 'no history entry')}</span>`;
    return (
      `<tr class="layer"><td class="wide">${i + 1}</td><td class="size">${formatBytes(layer.size)}</td>` +
      `<td><code title="${escapeHtml(layer.digest)}">${escapeHtml(shortDigest(layer.digest))}</code></td>` +
      `<td class="paths">${contents}</td><td class="shared">${renderSharing(layer.sharedWith)}</td></tr>`
    );
  });
  const total = layers.reduce((sum, layer) => sum + layer.size, 0);
  const shared = layers.filter((layer) => layer.sharedWith.length > 0).length;
  return `<h3>${plural(layers.length, 'layer', 'layers')}, ${formatBytes(total)}; ${shared} shared with other images</h3>
<div class="scroll"><table class="layers"><thead><tr><th class="wide">#</th><th class="size">size</th><th>digest</th><th>store paths</th><th>shared with</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>`;
}

function renderSharing(images: SharingImage[]): string {
  if (images.length === 0) return '<span class="muted">no other image</span>';
  const named = images.slice(0, MAX_SHARING_NAMES).map((image) => {
    const label = `${image.repository}:${image.tag}${image.platform ? ` (${image.platform})` : ''}`;
    return `<a href="${escapeHtml(repositoryPagePath(image.repository))}">${escapeHtml(label)}</a>`;
  });
  const more = images.length > MAX_SHARING_NAMES ? `<span class="muted">and ${images.length - MAX_SHARING_NAMES} more</span>` : '';
  return `<span class="count">${plural(images.length, 'image', 'images')}</span>${named.join('')}${more}`;
}

function platformOf(image: PageImage): string {
  return [image.os, image.architecture].filter(Boolean).join('/') || 'unknown platform';
}
