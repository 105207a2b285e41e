import * as core from '@actions/core';
import { CACHE_STATE, saveRecordedActionCache } from './cache.ts';

// The post step's entry (dist/post.js): saves the Actions cache the main step planned and restored.
// action.yml runs it with post-if: !cancelled(), not actions/cache's success(): post-if sees the job's status,
// and a later failing step (tests, say) does not make Nix's downloads or the bucket any less complete. A main
// step with failed images records that, and this step then saves nothing (see saveRecordedActionCache).
try {
  await saveRecordedActionCache(core.getState(CACHE_STATE));
} catch (error) {
  // The images are built and published; a cache problem must not fail the job.
  core.warning(`Could not save the cache: ${(error as Error)?.message ?? String(error)}`);
}
