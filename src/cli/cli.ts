// The `nixery` command's entry (dist/cli.js). It only turns on V8's compile cache (Node >= 22.1), then loads the
// CLI: every run after the first skips compiling the bundle, a quarter of the start-up.
import module from 'node:module';

module.enableCompileCache?.();
await import('./main.ts');
