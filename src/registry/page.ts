import { createHash } from 'node:crypto';
import { MediaType } from '../oci/media-types.ts';
import { isDescriptor } from '../oci/descriptor.ts';
import { storePathsOf } from '../oci/config.ts';
import { formatBytes, formatSeconds } from '../report/format.ts';
import type { BuildRecord } from './on-demand.ts';

// The HTML index at `/`: every repository, its images (tags that share a digest are one image), their layers
// with the store paths in each, and a pull command per tag. Pure: a model in, a string out. Everything that
// came from the bucket or the request is escaped; the only script and style are fixed and allowed by hash.

export interface PageLayer {
  digest: string;
  /** Compressed size, as pulled. */
  size: number;
  mediaType: string;
  /** Nix store paths in the layer, from the config's history; empty when the history says something else. */
  storePaths: string[];
  /** The history text when it does not list store paths (the customisation layer), else null. */
  description: string | null;
}

export interface PageImage {
  /** Null when the tag's manifest could not be read (see problem). */
  digest: string | null;
  /** Tags that point at this manifest, ASCII-sorted. */
  tags: string[];
  mediaType: string;
  /** Manifest, config and layers together: what a first pull downloads. */
  size: number;
  architecture: string | null;
  os: string | null;
  /** Null for an index, or when the config could not be read. */
  layers: PageLayer[] | null;
  /** For an index: how many manifests it lists. */
  manifestCount: number | null;
  /** For an index: each platform's image (its own digest, platform, size and layers), in the index's order. */
  platforms?: PageImage[];
  /** Why details are missing (e.g. a damaged blob), shown instead of them. */
  problem: string | null;
}

export interface PageRepository {
  name: string;
  images: PageImage[];
}

export interface IndexPageModel {
  repositories: PageRepository[];
  /** Tags left off because the bucket holds more than one page shows. */
  omittedTags: number;
}

/** One on-demand build (`serve --build`), as the builder records it: nothing internal (no paths, no stacks). */
export type PageBuild = BuildRecord;

/** Present only when the registry builds missing images on demand. */
export interface OnDemandPageModel {
  running: number;
  queued: number;
  /** Newest first. */
  builds: PageBuild[];
}

/**
 * What the page shows for one stored manifest. `configBytes` is the verified config blob (null when missing
 * or damaged); malformed JSON gives an image with a problem, never an exception.
 */
export function describeImage(
  digest: string,
  tags: string[],
  mediaType: string,
  manifestBytes: Buffer,
  configBytes: Buffer | null,
): PageImage {
  const image: PageImage = {
    digest,
    tags,
    mediaType,
    size: manifestBytes.length,
    architecture: null,
    os: null,
    layers: null,
    manifestCount: null,
    problem: null,
  };
  const manifest = parseObject(manifestBytes);
  if (!manifest) return { ...image, problem: 'the manifest is not valid JSON' };
  if (mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList) {
    const manifests = Array.isArray(manifest.manifests) ? manifest.manifests.filter(isDescriptor) : [];
    return { ...image, manifestCount: manifests.length, size: image.size + manifests.reduce((sum, m) => sum + m.size, 0) };
  }
  const config = isDescriptor(manifest.config) ? manifest.config : null;
  const layers = Array.isArray(manifest.layers) ? manifest.layers.filter(isDescriptor) : [];
  image.size += (config?.size ?? 0) + layers.reduce((sum, layer) => sum + layer.size, 0);
  const parsedConfig = configBytes ? parseObject(configBytes) : null;
  if (parsedConfig) {
    image.architecture = typeof parsedConfig.architecture === 'string' ? parsedConfig.architecture : null;
    image.os = typeof parsedConfig.os === 'string' ? parsedConfig.os : null;
  }
  // History entries marked empty_layer have no layer; the rest line up with the manifest's layers.
  const history = Array.isArray(parsedConfig?.history)
    ? (parsedConfig.history as unknown[]).filter(
        (h) => typeof h === 'object' && h !== null && (h as { empty_layer?: unknown }).empty_layer !== true,
      )
    : [];
  const historyFits = history.length === layers.length;
  image.layers = layers.map((layer, i) => {
    const createdBy = historyFits ? (history[i] as { created_by?: unknown }).created_by : undefined;
    const storePaths = storePathsOf(createdBy);
    return {
      digest: layer.digest,
      size: layer.size,
      mediaType: layer.mediaType,
      storePaths: storePaths ?? [],
      description: storePaths ? null : typeof createdBy === 'string' && createdBy !== '' ? createdBy : null,
    };
  });
  if (!configBytes) image.problem = 'the image config is missing or damaged in the bucket';
  else if (!parsedConfig) image.problem = 'the image config is not valid JSON';
  return image;
}

/** The manifests an index lists, with the platform each is for (`linux/arm64/v8`); empty for anything else. */
export function indexEntriesOf(indexBytes: Buffer): { digest: string; platform: string }[] {
  const index = parseObject(indexBytes);
  if (!index || !Array.isArray(index.manifests)) return [];
  return index.manifests.filter(isDescriptor).map((entry) => {
    const platform = (entry as { platform?: Record<string, unknown> }).platform ?? {};
    const parts = [platform.os, platform.architecture, platform.variant].filter((p): p is string => typeof p === 'string' && p !== '');
    return { digest: entry.digest, platform: parts.join('/') };
  });
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The command users paste: `host` must already be a validated host[:port] (see host.ts). */
export function pullCommand(host: string, repository: string, tag: string): string {
  return `docker pull ${host}/${repository}:${tag}`;
}

const STYLE = `
:root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --accent: #2563eb; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
code, input.pull { font: 13px/1.4 ui-monospace, monospace; }
.muted { color: var(--muted); }
.image { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
.tag { display: inline-block; background: var(--accent); color: #fff; border-radius: 3px; padding: 0 .4rem; margin-right: .25rem; font-size: 13px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.pull-row { display: flex; gap: .5rem; margin: .25rem 0; }
input.pull { flex: 1; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: transparent; color: inherit; }
button { padding: .3rem .8rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; min-width: 5rem; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-top: 1px solid var(--line); }
td.size { white-space: nowrap; text-align: right; }
td.paths code { display: block; overflow-wrap: anywhere; }
.problem { color: #b91c1c; }
section.platform { border-top: 1px dashed var(--line); margin-top: .75rem; padding-top: .25rem; }
section.platform h3 { font-size: 1rem; margin: .25rem 0; }
form.build { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0; }
form.build label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); }
form.build input { font: 13px/1.4 ui-monospace, monospace; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: transparent; color: inherit; }
.state-built { color: #15803d; }
.state-failed { color: #b91c1c; }
.state-queued, .state-building { color: #b45309; }
`;

// Selects the command, then copies it; navigator.clipboard needs a secure context, so plain-http hosts fall
// back to execCommand, and failing both the text stays selected for Ctrl+C.
const SCRIPT = `
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const input = document.getElementById(button.dataset.copy);
  input.select();
  let copied = false;
  try { await navigator.clipboard.writeText(input.value); copied = true; } catch { copied = document.execCommand('copy'); }
  button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
  setTimeout(() => { button.textContent = 'Copy'; }, 2000);
});
const buildForm = document.getElementById('build-form');
if (buildForm) {
  // Packages may be typed with spaces, commas or slashes; the registry sorts them itself.
  const showPull = () => {
    const typed = buildForm.elements.packages.value.toLowerCase().split(/[\\s,/]+/).filter(Boolean);
    // Meta-packages only count at the front of a name; put them there wherever they were typed.
    const metas = ['arm64', 'shell'].filter((m) => typed.includes(m));
    const names = [...metas, ...typed.filter((n) => !metas.includes(n))];
    const tag = buildForm.elements.tag.value.trim() || 'latest';
    buildForm.elements.command.value = names.length ? 'docker pull ' + buildForm.dataset.host + '/' + names.join('/') + ':' + tag : '';
  };
  buildForm.addEventListener('input', showPull);
  buildForm.addEventListener('submit', (event) => { event.preventDefault(); showPull(); });
  showPull();
}
`;

const cspHash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Headers for the page: nothing but our own inline style and script may run, and nobody may frame it. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export function renderIndexPage(model: IndexPageModel, host: string, onDemand?: OnDemandPageModel): string {
  const imageCount = model.repositories.reduce((sum, repo) => sum + repo.images.length, 0);
  const counter = { next: 0 };
  const emptyHint = onDemand
    ? `Pull any name and it is built, e.g. <code>${escapeHtml(pullCommand(host, 'shell/hello', 'latest'))}</code>.`
    : 'Build some into this bucket with <code>nixery build NAME --out BUCKET</code>.';
  const body =
    model.repositories.length === 0
      ? `<p class="empty">No images yet. ${emptyHint}</p>`
      : model.repositories.map((repo) => renderRepository(repo, host, counter)).join('\n');
  const mode = onDemand
    ? 'Images the bucket lacks are built from Nix packages on first pull.'
    : 'Read-only: images are built into the bucket by <code>nixery build</code>.';
  const omitted =
    model.omittedTags > 0
      ? `<p class="muted">${model.omittedTags} more tags are not shown here; list them with <code>/v2/_catalog</code> and <code>/v2/NAME/tags/list</code>.</p>`
      : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nixery registry at ${escapeHtml(host)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>nixery registry</h1>
<p class="muted">${model.repositories.length} ${plural(model.repositories.length, 'repository', 'repositories')}, ${imageCount} ${plural(imageCount, 'image', 'images')} at <code>${escapeHtml(host)}</code>. ${mode}</p>
</header>
<main>
${onDemand ? renderOnDemand(onDemand, host) : ''}
${body}
${omitted}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** The build form (it only writes a pull command: pulling is what builds) and the recent on-demand builds. */
function renderOnDemand(model: OnDemandPageModel, host: string): string {
  const rows = model.builds.map((build) => {
    const outcome =
      build.state === 'failed'
        ? `<span class="problem">${escapeHtml(build.reason ?? 'failed')}</span>`
        : build.digest
          ? `<code title="${escapeHtml(build.digest)}">${escapeHtml(shortDigest(build.digest))}</code>${build.nixRan ? '' : ' <span class="muted">(cached manifest, Nix not run)</span>'}`
          : '';
    return (
      `<tr class="build"><td><code>${escapeHtml(`${build.image}:${build.tag}`)}</code></td><td class="state-${build.state}">${build.state}</td>` +
      `<td><time datetime="${escapeHtml(build.requestedAt)}">${escapeHtml(build.requestedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</time></td>` +
      `<td class="size">${formatDuration(build.queuedSeconds)}</td><td class="size">${formatDuration(build.buildSeconds)}</td><td>${outcome}</td></tr>`
    );
  });
  const table =
    rows.length === 0
      ? '<p class="muted">No builds since the registry started.</p>'
      : `<table class="builds"><thead><tr><th>image</th><th>state</th><th>requested</th><th>queued</th><th>build</th><th>result</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
  return `<section class="on-demand">
<h2>Build an image</h2>
<form class="build" id="build-form" data-host="${escapeHtml(host)}">
<label>packages <input name="packages" value="shell hello" size="40" aria-label="packages, separated by spaces"></label>
<label>tag <input name="tag" value="latest" size="12"></label>
</form>
<div class="pull-row"><input class="pull" id="build-pull" name="command" form="build-form" readonly aria-label="pull command that builds the image"><button type="button" data-copy="build-pull">Copy</button></div>
<h2>Recent builds</h2>
<p class="muted">${model.running} running, ${model.queued} queued.</p>
${table}
</section>`;
}

function formatDuration(value: number | null): string {
  return value === null ? '' : formatSeconds(value);
}

function renderRepository(repo: PageRepository, host: string, counter: { next: number }): string {
  return `<section class="repository" data-name="${escapeHtml(repo.name)}">
<h2>${escapeHtml(repo.name)}</h2>
${repo.images.map((image) => renderImage(repo.name, image, host, counter)).join('\n')}
</section>`;
}

function renderImage(repository: string, image: PageImage, host: string, counter: { next: number }): string {
  if (image.digest === null) {
    return `<article class="image unreadable">
<div class="tags">${image.tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join('')}</div>
<p class="problem">${escapeHtml(image.problem ?? 'this tag cannot be read')}</p>
</article>`;
  }
  const facts: [string, string][] = [
    ['digest', `<code class="digest">${escapeHtml(image.digest)}</code>`],
    ['size', `<span class="size">${formatBytes(image.size)}</span> <span class="muted">(compressed, what a first pull downloads)</span>`],
  ];
  if (image.architecture || image.os) facts.push(['platform', escapeHtml([image.os, image.architecture].filter(Boolean).join('/'))]);
  facts.push(['media type', `<code>${escapeHtml(image.mediaType)}</code>`]);
  if (image.manifestCount !== null) facts.push(['manifests', String(image.manifestCount)]);
  if (image.platforms?.length) facts.push(['platforms', escapeHtml(image.platforms.map(platformOfImage).join(', '))]);
  const pulls = image.tags.map((tag) => {
    const id = `pull-${counter.next++}`;
    return `<div class="pull-row"><input class="pull" id="${id}" readonly value="${escapeHtml(pullCommand(host, repository, tag))}" aria-label="pull command for ${escapeHtml(tag)}"><button type="button" data-copy="${id}">Copy</button></div>`;
  });
  return `<article class="image" data-digest="${escapeHtml(image.digest)}">
<div class="tags">${image.tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join('')}</div>
<dl>${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
${pulls.join('\n')}
${image.problem ? `<p class="problem">${escapeHtml(image.problem)}</p>` : ''}
${image.layers ? renderLayers(image.layers) : ''}
${(image.platforms ?? []).map(renderPlatform).join('\n')}
</article>`;
}

/** One platform of an index: what `docker pull` fetches on a machine of that platform. */
function renderPlatform(image: PageImage): string {
  const facts: [string, string][] = [
    ['digest', `<code class="digest">${escapeHtml(image.digest ?? '')}</code>`],
    ['size', `<span class="size">${formatBytes(image.size)}</span>`],
  ];
  return `<section class="platform" data-platform="${escapeHtml(platformOfImage(image))}">
<h3>${escapeHtml(platformOfImage(image))}</h3>
<dl>${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
${image.problem ? `<p class="problem">${escapeHtml(image.problem)}</p>` : ''}
${image.layers ? renderLayers(image.layers) : ''}
</section>`;
}

function platformOfImage(image: PageImage): string {
  return [image.os, image.architecture].filter(Boolean).join('/') || 'unknown platform';
}

function renderLayers(layers: PageLayer[]): string {
  const rows = layers.map((layer, i) => {
    const contents =
      layer.storePaths.length > 0
        ? layer.storePaths.map((p) => `<code>${escapeHtml(p)}</code>`).join('')
        : `<span class="muted">${escapeHtml(layer.description ?? 'no history entry')}</span>`;
    return `<tr class="layer"><td>${i + 1}</td><td class="size">${formatBytes(layer.size)}</td><td><code title="${escapeHtml(layer.digest)}">${escapeHtml(shortDigest(layer.digest))}</code></td><td class="paths">${contents}</td></tr>`;
  });
  const total = layers.reduce((sum, layer) => sum + layer.size, 0);
  return `<details class="layers" open><summary>${layers.length} ${plural(layers.length, 'layer', 'layers')}, ${formatBytes(total)}</summary>
<table><thead><tr><th>#</th><th>size</th><th>digest</th><th>store paths</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</details>`;
}

function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return colon >= 0 ? digest.slice(0, colon + 13) : digest.slice(0, 19);
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function parseObject(bytes: Buffer): Record<string, unknown> | null {
  try {
    const value = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
