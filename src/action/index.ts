import * as core from '@actions/core';
import { run } from './main.ts';

// The main step's entry (dist/action.js): main.ts stays import-safe for tests.
try {
  await run();
} catch (error) {
  core.setFailed((error as Error)?.message ?? String(error));
}
