#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);
import {
  closestName
} from "./chunk-BI2ILFY6.js";
import {
  NixeryError
} from "./chunk-WXRP66RY.js";
import "./chunk-4ZPLT25K.js";

// src/cli/exit-codes.ts
var EXIT_CODES = {
  usage: 2,
  "unknown-packages": 3,
  "missing-git-ref": 3,
  "nix-build": 4,
  // As timeout(1) does.
  "nix-timeout": 124,
  "bucket-access": 5,
  "registry-access": 6
};
var UNEXPECTED_ERROR_EXIT_CODE = 1;
var EXIT_CODES_HELP = `Exit status: 0 done; 2 usage (bad flag, name or setting); 3 unknown package or git ref; 4 Nix build
failed; 5 bucket not reachable or not allowed; 6 registry refused or failed a push; 124 Nix build timed out; 1 anything else.`;

// package.json
var package_default = {
  name: "nixery-action",
  version: "0.1.0",
  description: "Reproducible, layered OCI images from Nix packages, built in CI and served from a bucket",
  license: "Apache-2.0",
  type: "module",
  engines: {
    node: ">=22.18"
  },
  bin: {
    nixery: "dist/cli.js"
  },
  files: [
    "dist",
    "nix"
  ],
  scripts: {
    build: `rm -rf dist/chunks && esbuild src/cli/cli.ts src/registry/bcrypt-worker.ts src/archive/compress-worker.ts src/archive/blob-writer-worker.ts --bundle --splitting --platform=node --format=esm --target=node22 --outdir=dist --entry-names=[name] --chunk-names=chunks/[name]-[hash] --legal-comments=none --external:xmlbuilder2 --external:libxmljs2 --banner:js="#!/usr/bin/env node
import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);" && esbuild src/action/index.ts --bundle --platform=node --format=esm --target=node24 --outfile=dist/action.js --legal-comments=none --external:xmlbuilder2 --external:libxmljs2 --log-level=warning --banner:js="import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);" && esbuild src/action/post.ts --bundle --platform=node --format=esm --target=node24 --outfile=dist/post.js --legal-comments=none --external:xmlbuilder2 --external:libxmljs2 --log-level=warning --banner:js="import { createRequire as __nixeryRequire } from 'node:module'; const require = __nixeryRequire(import.meta.url);"`,
    typecheck: "tsc --noEmit",
    test: 'tsc --noEmit && biome ci . && NIX_CONFIG="substituters =\nextra-platforms = aarch64-linux" node --test --test-concurrency=1 "test/**/*.test.ts"',
    "test:unit": "node --test 'test/unit/**/*.test.ts'",
    "check-dist": 'npm run build && git diff --exit-code -- dist/ && test -z "$(git status --porcelain -- dist/)"',
    lint: "biome ci .",
    format: "biome format --write ."
  },
  dependencies: {
    "@actions/cache": "^6.3.0",
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    "@aws-sdk/client-s3": "^3.1169.0",
    "@aws-sdk/lib-storage": "^3.1169.0",
    "@aws-sdk/s3-request-presigner": "^3.1163.0",
    "@cyclonedx/cyclonedx-library": "^10.3.0",
    "@google-cloud/storage": "^8.4.0",
    bcryptjs: "^3.0.3",
    leven: "^4.1.0",
    "p-limit": "^7.3.3",
    semver: "^7.8.6",
    "tar-stream": "^3.2.2",
    yaml: "^2.9.1"
  },
  devDependencies: {
    "@biomejs/biome": "2.6.8",
    "@types/node": "^24.19.2",
    "@types/semver": "^7.8.0",
    "@types/tar-stream": "^3.1.5",
    ajv: "^8.20.0",
    "ajv-formats": "^3.0.1",
    "ajv-formats-draft2019": "^1.6.1",
    esbuild: "^0.28.2",
    "firebase-tools": "15.34.2",
    "playwright-core": "^1.65.1",
    s3rver: "3.7.1",
    typescript: "5.9"
  }
};

// src/cli/main.ts
var USAGE = `Usage: nixery <command> [options]
       nixery --version

Commands:
  build NAME...   build layered OCI images of Nix packages into a bucket and push them to registries
  copy            copy a built image from a bucket to a registry or another bucket
  gc              remove blobs and cache entries no tag reaches (safe during builds)
  index --repair  rewrite a bucket's index.json from its tag objects (after a killed build)
  layers          plan layers for a closure graph read on stdin
  serve           serve a bucket's images read-only over the registry API
  untag           remove tags from a bucket (gc then reclaims their blobs)

Run "nixery <command> --help" for a command's options.

${EXIT_CODES_HELP}`;
var COMMANDS = {
  build: () => import("./build-command-5PENBJUX.js").then((m) => ({ run: m.buildCommand, usage: m.BUILD_USAGE })),
  copy: () => import("./copy-command-BIUNQOW7.js").then((m) => ({ run: m.copyCommand, usage: m.COPY_USAGE })),
  gc: () => import("./gc-command-WIFWOZMM.js").then((m) => ({ run: m.gcCommand, usage: m.GC_USAGE })),
  index: () => import("./index-command-XWLIPJ4K.js").then((m) => ({ run: m.indexCommand, usage: m.INDEX_USAGE })),
  layers: () => import("./layers-command-RGVUKGXD.js").then((m) => ({ run: m.layersCommand, usage: m.LAYERS_USAGE })),
  serve: () => import("./serve-command-6XL7EH6R.js").then((m) => ({ run: m.serveCommand, usage: m.SERVE_USAGE })),
  untag: () => import("./untag-command-I7EFVDY6.js").then((m) => ({ run: m.untagCommand, usage: m.UNTAG_USAGE }))
};
async function main(argv) {
  const [name, ...args] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(USAGE + "\n");
    return name === void 0 ? 2 : 0;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    process.stdout.write(`nixery ${package_default.version}
`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : void 0;
  if (!load) {
    const close = unknownCommand(name);
    process.stderr.write(`nixery: unknown command "${name}"${close ? `; did you mean "${close}"?` : ""}
`);
    process.stderr.write(`Commands: ${Object.keys(COMMANDS).join(", ")}. Run "nixery --help" for more.
`);
    return 2;
  }
  const command = await load();
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(command.usage + "\n");
    return 0;
  }
  try {
    await command.run(args);
    return 0;
  } catch (error) {
    return reportError(error, name, command.usage, args.includes("--json"));
  }
}
function unknownCommand(typed) {
  return closestName(typed, Object.keys(COMMANDS), () => 2);
}
function reportError(error, name, usage, json) {
  const err = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`
nixery: error: ${err.message}
`);
  const kind = err instanceof NixeryError ? err.kind : null;
  if (kind === "usage") process.stderr.write(`${usage.split("\n")[0]}
Run "nixery ${name} --help" for every option.
`);
  if (kind === null && process.env.NIXERY_DEBUG) process.stderr.write(`${err.stack}
`);
  const exitCode2 = kind !== null ? EXIT_CODES[kind] : UNEXPECTED_ERROR_EXIT_CODE;
  if (json) process.stdout.write(JSON.stringify({ error: { kind: kind ?? "internal", message: err.message, exitCode: exitCode2 } }, null, 2) + "\n");
  return exitCode2;
}
var exitCode = await main(process.argv.slice(2));
if (exitCode !== 0) process.exit(exitCode);
export {
  main
};
