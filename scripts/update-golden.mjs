#!/usr/bin/env node
// Refreshes fixtures/bad/<rule-id>/<case>.expected.json from the built rules (every rule of the
// `all` preset). Review the diff before committing: a golden file is a claim about behaviour.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/rule-catalogue.mjs';
import { badCases, codeCases, commandLineCases, renderCodeGolden, renderGolden } from './lib/golden.mjs';

let written = 0;
const cases = [
  ...badCases().map((c) => ({ ...c, render: renderGolden })),
  ...codeCases().map((c) => ({ ...c, render: renderCodeGolden })),
  ...commandLineCases().map((c) => ({ ...c, render: renderCodeGolden })),
];
for (const { file, golden, render } of cases) {
  const text = await render(file);
  if (existsSync(golden) && readFileSync(golden, 'utf8') === text) continue;
  writeFileSync(golden, text);
  written++;
  console.log(`wrote ${path.relative(ROOT, golden)}`);
}
console.log(`${written} golden file${written === 1 ? '' : 's'} updated.`);
