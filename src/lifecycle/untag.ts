import type { ImageStore, TaggedImage } from '../storage/image-store.ts';

// Which tags to remove, and removing them: `nixery untag` and the action when a pull request closes. Untagging
// never deletes a blob; `nixery gc` later removes what no tag reaches.

export interface UntagSelection {
  /** Exact name:tag pairs (canonical names). */
  refs?: Array<{ name: string; tag: string }>;
  /** Tags removed from every image that has them (`--tag pr-7`). */
  tags?: string[];
  /**
   * Tags removed from every image that has them, unless a tag that stays names the same manifest of that image
   * (a commit's sha tag that a branch's tag still names).
   */
  unlessShared?: string[];
}

export interface UntagResult {
  removed: TaggedImage[];
  /** Tags left because another tag still names their image. */
  kept: TaggedImage[];
}

export async function untagImages(store: ImageStore, selection: UntagSelection): Promise<UntagResult> {
  const images = await store.listTaggedImages();
  const ref = (name: string, tag: string) => `${name}:${tag}`;
  const exact = new Set((selection.refs ?? []).map((r) => ref(r.name, r.tag)));
  const always = new Set(selection.tags ?? []);
  const shared = new Set(selection.unlessShared ?? []);
  const chosen = images.filter((i) => exact.has(ref(i.name, i.tag)) || always.has(i.tag));
  const chosenRefs = new Set(chosen.map((i) => ref(i.name, i.tag)));
  const maybe = images.filter((i) => shared.has(i.tag) && !chosenRefs.has(ref(i.name, i.tag)));
  const maybeRefs = new Set(maybe.map((i) => ref(i.name, i.tag)));
  // What stays: everything not chosen and not a candidate; a candidate whose manifest it names stays too.
  const staying = images.filter((i) => !chosenRefs.has(ref(i.name, i.tag)) && !maybeRefs.has(ref(i.name, i.tag)));
  const named = new Set(staying.map((i) => `${i.name}@${i.manifest.digest}`));
  const kept = maybe.filter((i) => named.has(`${i.name}@${i.manifest.digest}`));
  const removed = [...chosen, ...maybe.filter((i) => !named.has(`${i.name}@${i.manifest.digest}`))];

  const byName = new Map<string, string[]>();
  for (const image of removed) byName.set(image.name, [...(byName.get(image.name) ?? []), image.tag]);
  for (const [name, tags] of byName) await store.untag(name, tags);
  return { removed, kept };
}
