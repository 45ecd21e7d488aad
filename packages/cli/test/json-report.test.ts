import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileResult, Fix } from '@otalint/core/engine';
import { suite } from 'uvu';
import { json, toJsonReport } from '../src/formatters/json.js';
import { createLinter } from '../src/lint-run.js';

const test = suite('the JSON report, written in pieces');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const context = { cwd: root, rules: new Map(), color: false, toolVersion: '0.0.0' };
const whole = (results: readonly FileResult[]) => `${JSON.stringify(toJsonReport(results), null, 2)}\n`;

/** Every fixture, linted with every rule on: request files and scripts, findings, fixes, suggestions, suppressed findings. */
async function fixtureResults(): Promise<FileResult[]> {
  const config = path.join(mkdtempSync(path.join(tmpdir(), 'otalint-json-report-')), 'otalint.config.json');
  writeFileSync(config, JSON.stringify([{ extends: ['all'] }]));
  const linter = await createLinter({ cwd: root, configFile: config });
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (!name.includes('.expected.')) files.push(path.relative(root, file));
    }
  };
  walk(path.join(root, 'fixtures'));
  const results: FileResult[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    await linter.prepare(file, text);
    results.push(linter.lintText(text, file));
  }
  return results;
}

test('the pieces make exactly the report JSON.stringify makes of it, for every fixture and for none', async () => {
  const results = await fixtureResults();
  assert.ok(results.some((result) => result.messages.length > 0) && results.some((result) => result.kind === 'shell'));
  assert.equal(json(results, context), whole(results));
  assert.equal([...json.pieces!(results, context)].join(''), whole(results));
  assert.equal(json([], context), whole([]));
  const suppressed = { ...results.find((result) => result.messages.length > 0)!, output: 'fixed\n' };
  const withSuppressed: FileResult = {
    ...suppressed,
    suppressedMessages: suppressed.messages.map((m) => ({ ...m, suppressions: [{ kind: 'external', justification: 'r' }] })),
  };
  assert.equal(json([withSuppressed, ...results.slice(0, 3)], context), whole([withSuppressed, ...results.slice(0, 3)]));
});

test('the pieces write every member a result and a finding may hold, and leave out what has no JSON, as JSON.stringify does', () => {
  const edit = { offset: 3, length: 2, text: '"x"' };
  const finding = {
    ruleId: 'r',
    severity: 'warning',
    message: 'm "q"\n',
    path: '/a~1b',
    line: 1,
    column: 2,
    endLine: 3,
    endColumn: 4,
    offset: 5,
    length: 6,
  } as const;
  const results: FileResult[] = [
    {
      filePath: 'deploy.sh',
      kind: 'shell',
      requests: [{ index: 0, range: { line: 2, column: 1, endLine: 4, endColumn: 9, offset: 10, length: 40 }, value: {}, hasUnknowns: true }],
      messages: [
        {
          ...finding,
          fix: { edits: [edit] },
          suggestions: [{ message: 's', fix: { edits: [edit, edit] }, messageId: 'id' }],
          fingerprint: 'f:1',
          requestIndex: 0,
          omitted: 7,
        },
        { ...finding, suggestions: [], fingerprint: '', requestIndex: 1, messageId: 'left out' },
        { ...finding, path: undefined as unknown as string, fix: undefined as unknown as Fix },
      ],
      suppressedMessages: [{ ...finding, fingerprint: 'f:2', suppressions: [{ kind: 'inSource', justification: 'j' }] }],
      errorCount: 0,
      warningCount: 3,
      infoCount: 0,
      fatal: false,
      output: 'fixed\n',
    },
    { filePath: 'a.json', kind: 'json', requests: [], messages: [], suppressedMessages: [], errorCount: 0, warningCount: 0, infoCount: 0, fatal: false },
    { filePath: 'b.yaml', messages: [], errorCount: 0, warningCount: 0, infoCount: 0, fatal: true },
  ];
  assert.equal(json(results, context), whole(results));
});

test('a large report comes in pieces, none of them the whole report', async () => {
  const results = (await fixtureResults()).filter((result) => result.messages.length > 0);
  const many = Array.from({ length: 40 }, () => results).flat();
  const pieces = [...json.pieces!(many, context)];
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  assert.ok(pieces.length > 4, `${pieces.length} pieces`);
  assert.ok(Math.max(...pieces.map((piece) => piece.length)) < total / 4);
});

test.run();
