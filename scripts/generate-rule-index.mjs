#!/usr/bin/env node
// Regenerates what is derived from rule metadata: packages/rules/src/index.generated.ts (from
// the files in packages/rules/src/rules), then, after compiling, the README rule table, docs/rules.md
// (with the ids otalint reports itself, from @otalint/core) and the "## Presets" section of every
// rule page. Run it after adding or changing a rule or a reserved id.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DOCS_DIR,
  INDEX_FILE,
  README,
  ROOT,
  RULES_DOC,
  listRuleIds,
  renderIndex,
  renderPresetsSection,
  renderReadmeTable,
  renderRulesDoc,
  replaceBetweenMarkers,
  replacePresetsSection,
} from './lib/rule-catalogue.mjs';

const writeIfChanged = (file, text) => {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
  console.log(`wrote ${path.relative(ROOT, file)}`);
};

writeIfChanged(INDEX_FILE, renderIndex(listRuleIds()));

const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'packages/rules'], { cwd: ROOT, stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('generate-rule-index: the rules package does not compile; fix that first.');
  process.exit(1);
}
const api = await import(pathToFileURL(path.join(ROOT, 'packages/rules/dist/index.js')).href);
const rules = Object.values(api.rules);
const { RESERVED_IDS } = await import(pathToFileURL(path.join(ROOT, 'packages/core/dist/engine.js')).href);

const readme = readFileSync(README, 'utf8');
const withTable = replaceBetweenMarkers(readme, renderReadmeTable(rules, api, RESERVED_IDS));
if (withTable === undefined) console.warn('README.md has no rules-table markers: only docs/rules.md was written.');
else writeIfChanged(README, withTable);
writeIfChanged(RULES_DOC, renderRulesDoc(rules, api, RESERVED_IDS));

let missing = 0;
for (const rule of rules) {
  const page = path.join(DOCS_DIR, `${rule.meta.id}.md`);
  if (!existsSync(page)) {
    console.warn(`missing docs page: ${path.relative(ROOT, page)}`);
    missing++;
    continue;
  }
  const updated = replacePresetsSection(readFileSync(page, 'utf8'), renderPresetsSection(rule, api));
  if (updated === undefined) {
    console.warn(`${path.relative(ROOT, page)} has no "## Presets" heading`);
    missing++;
  } else writeIfChanged(page, updated);
}
process.exit(missing > 0 ? 1 : 0);
