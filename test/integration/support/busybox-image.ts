import { requireTools, runChecked } from './run.ts';

// A tiny runnable OCI image made offline with umoci: one layer holding the host's static busybox. It proves
// the podman harness works without depending on our own builder.

/** Creates (or adds to) the OCI layout at layoutDir a tag holding /bin/busybox; returns the ref to copy. */
export async function makeBusyboxLayout(layoutDir: string, tag = 'busybox'): Promise<string> {
  requireTools('umoci', 'busybox');
  const busybox = (await runChecked('sh', ['-c', 'command -v busybox'])).stdout.trim();
  await runChecked('umoci', ['init', '--layout', layoutDir]);
  await runChecked('umoci', ['new', '--image', `${layoutDir}:${tag}`]);
  await runChecked('umoci', ['insert', '--image', `${layoutDir}:${tag}`, busybox, '/bin/busybox']);
  return tag;
}
