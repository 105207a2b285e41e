import { createHash } from 'node:crypto';

// What every HTML page of the registry shares: the document around a page's body, the one style sheet and the one
// script (both inline and allowed by hash, nothing else may run), escaping, pull commands with a Copy button, and
// the pages for errors and for a visitor without credentials. Pure: strings in, a string out. Everything that came
// from the bucket or the request is escaped. The pages themselves: page-index.ts and page-repository.ts.

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The command users paste: `host` must already be a validated host[:port] (see host.ts). */
export function pullCommand(host: string, repository: string, tag: string): string {
  return `docker pull ${host}/${repository}:${tag}`;
}

/** Pulls exactly these bytes, whatever the tag points at later. */
export function pullByDigestCommand(host: string, repository: string, digest: string): string {
  return `docker pull ${host}/${repository}@${digest}`;
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const STYLE = `
:root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --accent: #2563eb; }
*, *::before, *::after { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 2rem; overflow-wrap: anywhere; }
header.top { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem; border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
header.top .home { font-weight: 600; font-size: 1.1rem; color: inherit; text-decoration: none; }
h1 { font-size: 1.5rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
a { color: var(--accent); }
code, input.pull, input.filter { font: 13px/1.4 ui-monospace, monospace; }
.muted { color: var(--muted); }
.scroll { max-width: 100%; overflow-x: auto; }
.image { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; min-width: 0; }
.tag { display: inline-block; background: var(--accent); color: #fff; border-radius: 3px; padding: 0 .4rem; margin: 0 .25rem .25rem 0; font-size: 13px; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .1rem 1rem; margin: .5rem 0; }
dt { color: var(--muted); }
dd { margin: 0; min-width: 0; }
.pull-row { display: flex; gap: .5rem; margin: .25rem 0; }
input.pull, input.filter { flex: 1; min-width: 0; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: transparent; color: inherit; }
button { padding: .3rem .8rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; cursor: pointer; min-width: 5rem; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-top: 1px solid var(--line); }
td.size, th.size { white-space: nowrap; text-align: right; }
td.paths code, td.shared .count { display: block; }
td.shared a, td.shared .muted { display: inline-block; margin-right: .6rem; }
.problem { color: #b91c1c; }
form.filter { display: flex; gap: .5rem; margin: .5rem 0; }
section.platform { border-top: 1px dashed var(--line); margin-top: .75rem; padding-top: .25rem; }
form.build { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0; }
form.build label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); max-width: 100%; }
form.build input { font: 13px/1.4 ui-monospace, monospace; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; background: transparent; color: inherit; max-width: 100%; }
.state-built { color: #15803d; }
.state-failed { color: #b91c1c; }
.state-queued, .state-building { color: #b45309; }
@media (max-width: 40rem) {
  body { padding: .5rem .75rem 1.5rem; }
  dl { grid-template-columns: minmax(0, 1fr); }
  dt { margin-top: .35rem; }
  .image { padding: .5rem .6rem; }
  th, td { padding: .2rem .3rem; }
  .wide { display: none; }
  button { min-width: 4rem; padding: .3rem .5rem; }
  /* Layers stack: size and digest on one line, then the store paths, then the images sharing the layer. */
  table.layers thead { display: none; }
  table.layers tr { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0 .75rem; border-top: 1px solid var(--line); padding: .35rem 0; }
  table.layers td { border: 0; padding: 0; text-align: left; }
  table.layers td.paths, table.layers td.shared { grid-column: 1 / -1; }
  table.layers td.shared::before { content: 'shared with: '; color: var(--muted); }
  table.layers td.shared .count { display: inline; margin-right: .6rem; }
}
`;

// Copy buttons select the command, then copy it; navigator.clipboard needs a secure context, so plain-http hosts
// fall back to execCommand, and failing both the text stays selected for Ctrl+C. The filter hides rows as the
// user types (splitting words as page-model.ts's filterTerms does); Enter asks the server, which filters all
// repositories, not only those on the page. The build form writes the pull command that builds an image.
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
const filter = document.getElementById('filter');
if (filter) {
  const rows = [...document.querySelectorAll('tr[data-repository]')];
  const count = document.getElementById('filter-count');
  const apply = () => {
    const terms = filter.value.toLowerCase().split(/[\\s,/]+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      row.hidden = !terms.every((term) => row.dataset.repository.includes(term));
      if (!row.hidden) shown++;
    }
    count.textContent = shown;
  };
  filter.addEventListener('input', apply);
}
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

/**
 * Headers for every page: nothing but our own inline style and script may run, and nobody may frame it. Forms
 * may only go to this registry: the filter is a GET form (`?q=`), and the registry answers nothing but GET/HEAD.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/** The whole document around a page's body: `title` is plain text, `body` is HTML already escaped. */
export function renderDocument(title: string, host: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><a class="home" href="/">nixery registry</a><code class="muted">${escapeHtml(host)}</code></header>
<main>
${body}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** A read-only command with a Copy button; `id` must be unique on the page; `attributes` are fixed markup. */
export function copyRow(id: string, command: string, label: string, attributes = ''): string {
  return `<div class="pull-row"><input class="pull" id="${id}"${attributes} readonly value="${escapeHtml(command)}" aria-label="${escapeHtml(label)}"><button type="button" data-copy="${id}">Copy</button></div>`;
}

/** Which credentials the registry takes, to tell a visitor how to log in (never who the users are). */
export interface CredentialKinds {
  users: boolean;
  tokens: boolean;
}

/**
 * What a visitor without valid credentials sees (sent with 401 and a Basic challenge, so the browser also offers
 * its sign-in prompt): that the registry needs credentials and how to log in with docker. No image names.
 */
export function renderSignInPage(host: string, kinds: CredentialKinds, message: string): string {
  const ways = [
    kinds.users ? `<li>a user name and password: <code>${escapeHtml(`docker login ${host} -u USER`)}</code></li>` : '',
    kinds.tokens
      ? `<li>an access token as the password, with any user name: <code>${escapeHtml(`docker login ${host} -u token --password-stdin < TOKEN_FILE`)}</code></li>`
      : '',
  ].join('');
  const body = `<h1>This registry needs credentials</h1>
<p class="problem">${escapeHtml(message)}.</p>
<p>The images here are listed only to signed-in users. Reload the page to sign in with your browser, using</p>
<ul>${ways}</ul>
<p>Then pull as usual; <code>podman login</code> and <code>skopeo login</code> take the same credentials.</p>`;
  return renderDocument('sign in to the nixery registry', host, body);
}

/** An error on a page route (an unknown repository, a bad name): the message and a way back. */
export function renderErrorPage(host: string, status: number, message: string): string {
  const body = `<h1>${status === 404 ? 'Not found' : 'Cannot show this page'}</h1>
<p class="problem">${escapeHtml(message)}</p>
<p><a href="/">All repositories</a></p>`;
  return renderDocument(`${status}: nixery registry`, host, body);
}
