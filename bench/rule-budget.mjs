#!/usr/bin/env node
// What the plugin-rule time budget costs: the same trivial rules linted as built-in rules (no
// budget) and as plugin rules (one vm watchdog per request), over N requests. Prints microseconds
// per request for each (the median of interleaved rounds), and the difference.
// Usage: node bench/rule-budget.mjs [N=5000] [rules=5] [rounds=5]
// Needs a build first (pnpm build).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { Linter } = await import(path.join(root, 'packages/core/dist/engine.js'));
const { defineRule } = await import(path.join(root, 'packages/core/dist/index.js'));

const count = Number(process.argv[2] ?? 5000);
const ruleCount = Number(process.argv[3] ?? 5);
const rounds = Number(process.argv[4] ?? 5);

const rules = Object.fromEntries(
  Array.from({ length: ruleCount }, (_, i) => [
    `trivial-${i}`,
    defineRule({
      meta: {
        id: `trivial-${i}`,
        description: 'reads one member',
        category: 'identity',
        defaultSeverity: 'warning',
        certainty: 'inferred',
        messages: { m: 'm' },
      },
      defaultOptions: {},
      check(context) {
        if (context.request.otaUpdateId === 'never') context.report({ path: ['otaUpdateId'], messageId: 'm' });
      },
    }),
  ]),
);
const settings = (prefix) => Object.fromEntries(Object.keys(rules).map((id) => [`${prefix}${id}`, 'warn']));
const texts = Array.from({ length: count }, (_, i) => JSON.stringify({ otaUpdateId: `fw-${i}`, roleArn: 'arn:aws:iam::123456789012:role/ota' }));

async function linterFor(config, builtins) {
  const linter = await Linter.create({ cwd: root, builtins, defaultConfig: config });
  for (const text of texts.slice(0, 200)) linter.lintText(text, 'warm.json');
  return linter;
}

function perRequest(linter) {
  const started = process.hrtime.bigint();
  for (const [i, text] of texts.entries()) linter.lintText(text, `r${i}.json`);
  return Number(process.hrtime.bigint() - started) / 1000 / count;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const empty = { meta: { name: 'none', version: '0' }, rules: {} };
const builtin = await linterFor([{ rules: settings('') }], { meta: { name: 'b', version: '0' }, rules });
const plugin = await linterFor([{ plugins: { acme: { meta: { name: 'acme', version: '0' }, rules } }, rules: settings('acme/') }], empty);
const times = { builtin: [], plugin: [] };
for (let round = 0; round < rounds; round++) {
  times.builtin.push(perRequest(builtin));
  times.plugin.push(perRequest(plugin));
}
const asBuiltins = median(times.builtin);
const asPlugin = median(times.plugin);
console.log(`${count} requests, ${ruleCount} trivial rules each, median of ${rounds} interleaved rounds`);
console.log(`  built-in rules (no budget): ${asBuiltins.toFixed(1)} µs per request`);
console.log(`  plugin rules (time budget): ${asPlugin.toFixed(1)} µs per request`);
console.log(`  budget overhead:            ${(asPlugin - asBuiltins).toFixed(1)} µs per request (${((asPlugin / asBuiltins - 1) * 100).toFixed(0)}%)`);
