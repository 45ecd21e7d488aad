#!/usr/bin/env node
// The one build: compile the precompiled model validator from the committed schema, tsc -b, then
// bundle the otalint command (scripts/bundle-cli.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const steps = [];
if (existsSync(path.join(root, 'scripts/build-validator.mjs'))) {
  steps.push([process.execPath, ['scripts/build-validator.mjs']]);
}
steps.push([process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b']]);
steps.push([process.execPath, ['scripts/bundle-cli.mjs']]);

for (const [command, args] of steps) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build failed: ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}
