import { derivationsByBuilder } from '../nix/activity.ts';
import { formatBytes, formatSeconds, shortDigest } from '../report/format.ts';
import { copyRow, escapeHtml, plural, pullCommand, renderDocument } from './page.ts';
import { repositoryPagePath } from './router.ts';
import type { IndexPageModel, OnDemandPageModel, PageBuild, PageLease, RepositorySummary } from './page-model.ts';

// The page at `/`: one compact line per repository (name, tag count, one tag, its size), a filter, and in
// `serve --build` mode the build form and recent builds. Layers and pull commands are on each repository's page.

export function renderIndexPage(model: IndexPageModel, host: string, onDemand?: OnDemandPageModel): string {
  const mode = onDemand
    ? 'Images the bucket lacks are built from Nix packages on first pull.'
    : 'Read-only: images are built into the bucket by <code>nixery build</code>.';
  const emptyHint = onDemand
    ? `Pull any name and it is built, e.g. <code>${escapeHtml(pullCommand(host, 'shell/hello', 'latest'))}</code>.`
    : 'Build some into this bucket with <code>nixery build NAME --out BUCKET</code>.';
  const list = model.total === 0 ? `<p class="empty">No images yet. ${emptyHint}</p>` : renderRepositories(model);
  const body = `<h1>Repositories</h1>
<p class="muted">${plural(model.total, 'repository', 'repositories')} at <code>${escapeHtml(host)}</code>. ${mode}</p>
${list}
${onDemand ? renderOnDemand(onDemand, host) : ''}`;
  return renderDocument(`nixery registry at ${host}`, host, body);
}

function renderRepositories(model: IndexPageModel): string {
  const filtered = model.query !== '';
  const form = `<form class="filter" method="get" action="/" role="search">
<input class="filter" id="filter" type="search" name="q" value="${escapeHtml(model.query)}" placeholder="filter by name, e.g. hello" aria-label="filter repositories by name">
<button type="submit">Filter</button>
</form>`;
  const counts = [
    `<span id="filter-count">${model.repositories.length}</span> of ${model.total} shown`,
    filtered ? `: those matching <q>${escapeHtml(model.query)}</q> (<a href="/">show all</a>)` : '',
    model.matching > model.repositories.length
      ? `. ${model.matching - model.repositories.length} more match but are left off: narrow the filter to find them`
      : '',
  ];
  const rows = model.repositories.map(renderSummary);
  const table =
    rows.length === 0
      ? `<p class="empty">No repository matches <q>${escapeHtml(model.query)}</q>.</p>`
      : `<div class="scroll"><table class="repositories"><thead><tr><th>repository</th><th class="size">tags</th><th>tag</th><th class="size">size</th><th class="wide">digest</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>`;
  return `${form}
<p class="muted filter-status">${counts.join('')}.</p>
${table}`;
}

function renderSummary(repo: RepositorySummary): string {
  const size = repo.size === null ? '' : formatBytes(repo.size);
  const digest = repo.digest ? `<code title="${escapeHtml(repo.digest)}">${escapeHtml(shortDigest(repo.digest))}</code>` : '';
  const problem = repo.problem ? ` <span class="problem">unreadable</span>` : '';
  return (
    `<tr data-repository="${escapeHtml(repo.name)}"><td class="name"><a href="${escapeHtml(repositoryPagePath(repo.name))}">${escapeHtml(repo.name)}</a></td>` +
    `<td class="size">${repo.tagCount}</td><td><span class="tag">${escapeHtml(repo.tag)}</span>${problem}</td>` +
    `<td class="size">${size}</td><td class="wide">${digest}</td></tr>`
  );
}

/**
 * The build form and the recent on-demand builds. The form only writes a pull command: the pull is what builds
 * (the page never starts a build: the registry takes nothing but GET and HEAD).
 */
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
      `<td class="size">${formatDuration(build.queuedSeconds)}</td><td class="size">${formatDuration(build.buildSeconds)}</td><td>${outcome}</td>` +
      `<td class="built-on">${builtOn(build)}</td></tr>`
    );
  });
  const table =
    rows.length === 0
      ? '<p class="muted">No builds since the registry started.</p>'
      : `<div class="scroll"><table class="builds"><thead><tr><th>image</th><th>state</th><th>requested</th><th class="size">queued</th><th class="size">build</th><th>result</th><th>built on</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>`;
  return `<section class="on-demand">
<h2>Build an image</h2>
<p class="pulling-builds"><strong>Pulling is what builds.</strong> This form does not start a build: it writes the pull command for the
packages you type. Run that command (docker, podman or skopeo) and the registry builds the image while the pull waits,
then serves it; the build shows up under Recent builds (reload the page) and the image in the list above.</p>
<form class="build" id="build-form" data-host="${escapeHtml(host)}">
<label>packages <input name="packages" value="shell hello" size="40" aria-label="packages, separated by spaces"></label>
<label>tag <input name="tag" value="latest" size="12"></label>
</form>
${copyRow('build-pull', '', 'pull command that builds the image', ' name="command" form="build-form"')}
<h2>Recent builds</h2>
<p class="muted">${model.running} running, ${model.queued} queued.</p>
${table}
${model.leases ? renderLeases(model.leases, model.replica) : ''}
</section>`;
}

/** Which replica sharing the bucket builds which name now: the lease objects in the bucket. */
function renderLeases(leases: PageLease[], replica: string | undefined): string {
  const self = replica ? ` This replica is <code class="replica">${escapeHtml(replica)}</code>.` : '';
  if (leases.length === 0) return `<h2>Build leases</h2>\n<p class="muted">No replica is building anything now.${self}</p>`;
  const rows = leases.map(
    (lease) =>
      `<tr class="lease"><td><code>${escapeHtml(`${lease.image}:${lease.tag}`)}</code></td>` +
      `<td><code class="holder">${escapeHtml(lease.holder)}</code>${lease.holder === replica ? ' <span class="muted">(this replica)</span>' : ''}</td>` +
      `<td class="state-${lease.state}">${lease.state}</td><td>${formatTime(lease.since)}</td><td>${formatTime(lease.renewedAt)}</td></tr>`,
  );
  return `<h2>Build leases</h2>
<p class="muted">Replicas sharing this bucket build each name once: the holder builds, the others wait for it.${self}</p>
<div class="scroll"><table class="leases"><thead><tr><th>image</th><th>replica</th><th>state</th><th>since</th><th>renewed</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>`;
}

function formatTime(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</time>`;
}

function formatDuration(value: number | null): string {
  return value === null ? '' : formatSeconds(value);
}

/** Which machines built the build's derivations (their names on hover) and where its closure was pushed. */
function builtOn(build: PageBuild): string {
  const parts = [...derivationsByBuilder(build.nixBuilds)].map(
    ([builder, derivations]) =>
      `<span title="${escapeHtml(derivations.join(', '))}">${derivations.length} ${builder === 'local' ? 'locally' : `on <code>${escapeHtml(builder)}</code>`}</span>`,
  );
  if (build.nixRan && build.state === 'built' && parts.length === 0) parts.push('<span class="muted">nothing (all from caches)</span>');
  const push = build.closurePush;
  if (push) {
    parts.push(
      push.pushed
        ? `<span class="muted">pushed ${push.paths} paths to <code>${escapeHtml(push.url)}</code></span>`
        : `<span class="problem">push to <code>${escapeHtml(push.url)}</code> failed</span>`,
    );
  }
  return parts.join('<br>');
}
