import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planTags } from '../../src/action/tag-rules.ts';
import type { TagContext } from '../../src/action/tag-rules.ts';
import { UsageError } from '../../src/errors.ts';

const SHA = '860c1904a1ce19322e91ac35af1ab07466440c37';
const push = (ref: string): TagContext => ({ eventName: 'push', sha: SHA, ref, defaultBranch: 'master' });
const pullRequest: TagContext = {
  eventName: 'pull_request',
  sha: SHA,
  ref: 'refs/pull/2/merge',
  defaultBranch: 'master',
  pullRequest: { number: 2, headRepo: 'o/r', baseRepo: 'o/r', headSha: SHA },
};

// The rules and the event/ref -> tags table of docker/metadata-action's README ("Usage" section).
const README_RULES = [
  'type=ref,event=branch',
  'type=ref,event=pr',
  'type=semver,pattern={{version}}',
  'type=semver,pattern={{major}}.{{minor}}',
];

describe('tag rules (docker/metadata-action syntax)', () => {
  it("gives metadata-action's documented tags for its documented events", () => {
    assert.deepEqual(planTags(README_RULES, pullRequest).tags, ['pr-2']);
    assert.deepEqual(planTags(README_RULES, push('refs/heads/master')).tags, ['master']);
    assert.deepEqual(planTags(README_RULES, push('refs/heads/releases/v1')).tags, ['releases-v1']);
    assert.deepEqual(planTags(README_RULES, push('refs/tags/v1.2.3')).tags, ['1.2.3', '1.2', 'latest']);
    assert.deepEqual(planTags(README_RULES, push('refs/tags/v2.0.8-beta.67')).tags, ['2.0.8-beta.67']);
  });

  it('takes the version for org.opencontainers.image.version from a semver rule, else the first tag', () => {
    assert.equal(planTags(README_RULES, push('refs/tags/v1.2.3')).version, '1.2.3');
    assert.equal(planTags(README_RULES, push('refs/heads/master')).version, 'master');
  });

  it('keeps pr-<number> and sha-<short> as the defaults when no rule is given, literal tags after them', () => {
    assert.deepEqual(planTags([], pullRequest).tags, ['pr-2', 'sha-860c190']);
    assert.deepEqual(planTags(['stable'], push('refs/heads/master')).tags, ['sha-860c190', 'stable']);
  });

  it('turns the short sha off by giving rules without type=sha, and supports its long format and prefix', () => {
    assert.deepEqual(planTags(['type=ref,event=branch'], push('refs/heads/main')).tags, ['main']);
    assert.deepEqual(planTags(['type=sha,format=long,prefix='], push('refs/heads/main')).tags, [SHA]);
  });

  it('tags latest only on the default branch with enable={{is_default_branch}}', () => {
    const rules = ['type=raw,value=latest,enable={{is_default_branch}}', 'type=sha'];
    assert.deepEqual(planTags(rules, push('refs/heads/master')).tags, ['latest', 'sha-860c190']);
    assert.deepEqual(planTags(rules, push('refs/heads/feature')).tags, ['sha-860c190']);
    assert.deepEqual(planTags(rules, pullRequest).tags, ['sha-860c190']);
    assert.deepEqual(planTags(['type=edge'], push('refs/heads/master')).tags, ['edge']);
    assert.deepEqual(planTags(['type=schedule', 'type=sha'], { ...push('refs/heads/master'), eventName: 'schedule' }).tags, [
      'nightly',
      'sha-860c190',
    ]);
  });

  it("takes metadata-action's tags output (full references) as they are, and lowercases every tag", () => {
    const output = ['ghcr.io/octo/app:1.2.3', 'ghcr.io/octo/app:1.2', 'localhost:5000/octo/app:Latest', 'Feature_X'];
    assert.deepEqual(planTags(['type=ref,event=tag', ...output], push('refs/tags/V9')).tags, ['v9', '1.2.3', '1.2', 'latest', 'feature_x']);
    assert.deepEqual(planTags(['type=ref,event=branch'], push('refs/heads/Feature/UI')).tags, ['feature-ui']);
  });

  it('refuses bad values with an error that names them', () => {
    const refused = (lines: string[], message: RegExp) =>
      assert.throws(
        () => planTags(lines, push('refs/heads/master')),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      );
    refused(['v1 v2'], /"v1 v2" contains a space: give one tag per line/);
    refused(['-bad'], /"-bad" is not a valid tag/);
    refused(['x'.repeat(129)], /is not a valid tag/);
    refused(['ghcr.io/octo/app'], /is a reference without a tag/);
    refused(['type=semver'], /type=semver needs a pattern/);
    refused(['type=ref,event=push'], /type=ref needs event=branch, event=tag or event=pr/);
    refused(['type=nonsense'], /unknown rule type "nonsense"/);
    refused(['type=raw'], /type=raw needs a value/);
    refused(['type=sha,enable=maybe'], /enable must be true, false/);
    refused(['type=raw,value=a b'], /"a b" is not a valid tag/);
    assert.throws(() => planTags(['type=ref,event=pr'], push('refs/heads/x')), /no rule gave a tag for this run/);
  });
});
