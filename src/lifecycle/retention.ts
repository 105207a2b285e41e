import type { ListedObject } from '../storage/backend.ts';
import { parseTagKey } from '../storage/layout.ts';

// Optional retention rules for `nixery gc`: which tags to drop before marking. Only the tags CI writes per pull
// request and per commit (`pr-N`, `sha-…`) are subject to them; `main`, `latest` and release tags never expire.

export interface RetentionRules {
  /** Per image, keep this many `sha-` tags, the most recently written; drop older ones. */
  keepSha?: number;
  /** Drop `pr-` and `sha-` tags not written (built or re-tagged) for this long. */
  maxTagAgeMs?: number;
}

export interface ExpiredTag {
  name: string;
  tag: string;
  /** Why: which rule dropped it. */
  rule: 'keep-sha' | 'max-tag-age';
}

const CI_TAG = /^(pr|sha)-/;

/** The tags the rules drop, from a listing of tag objects (their times by the store's clock) and the store's now. */
export function expiredTags(tagObjects: ListedObject[], rules: RetentionRules, now: number): ExpiredTag[] {
  const expired = new Map<string, ExpiredTag>();
  const tags = tagObjects.flatMap((object) => {
    const parsed = parseTagKey(object.key);
    return parsed ? [{ ...parsed, modified: object.modified }] : [];
  });
  if (rules.maxTagAgeMs !== undefined) {
    for (const t of tags) {
      if (CI_TAG.test(t.tag) && t.modified < now - rules.maxTagAgeMs) {
        expired.set(`${t.name}:${t.tag}`, { name: t.name, tag: t.tag, rule: 'max-tag-age' });
      }
    }
  }
  if (rules.keepSha !== undefined) {
    const byName = new Map<string, typeof tags>();
    for (const t of tags.filter((t) => t.tag.startsWith('sha-'))) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
    for (const list of byName.values()) {
      // Newest first; equal times fall back to the tag so the choice is the same on every run.
      list.sort((a, b) => b.modified - a.modified || (a.tag < b.tag ? -1 : 1));
      for (const t of list.slice(rules.keepSha)) {
        const ref = `${t.name}:${t.tag}`;
        if (!expired.has(ref)) expired.set(ref, { name: t.name, tag: t.tag, rule: 'keep-sha' });
      }
    }
  }
  return [...expired.values()];
}
