import assert from 'node:assert/strict';
import { extname } from 'node:path';
import { suite } from 'uvu';
import { BUILTIN_SOURCE_KINDS, SourceKinds } from '../src/document/source-kinds.js';
import type { SourceKind } from '../src/document/types.js';

/** Which kind reads a file: asked of the kinds whose extensions fit, with the answer asking every kind in turn gives. */
const test = suite('source kinds: which kind claims a file');

const FOLDERS = ['', 'a/', '.github/workflows/', 'ci/', '.github/'];
const NAMES = [
  'req.json',
  'REQ.JSON',
  'r.yaml',
  'r.YML',
  'ci.yml',
  '.gitlab-ci.yml',
  'prod.gitlab-ci.yml',
  'Makefile',
  'makefile',
  'GNUmakefile',
  'rules.mk',
  '.mk',
  'deploy',
  'deploy.sh',
  'x.BASH',
  '.sh',
  '.bash',
  'README.md',
  '.md',
  'notes.MARKDOWN',
  '.markdown',
  'a.ts',
  'a.d.ts',
  'b.CJS',
  'tool.py',
  '.py',
  '.json',
  'a.',
  'x.txt',
  '..yml',
];
const TEXTS = [undefined, '', '#!/bin/bash\naws iot create-ota-update', '#!/usr/bin/env python3\n', '{"otaUpdateId": "x"}'];

function* files(): Generator<[string, string | undefined]> {
  for (const folder of FOLDERS) for (const name of NAMES) for (const text of TEXTS) yield [`${folder}${name}`, text];
}

test('a built-in kind claims only files whose extension it lists', () => {
  for (const kind of BUILTIN_SOURCE_KINDS) {
    assert.ok(kind.extensions, `${kind.id} lists its extensions`);
    for (const [file, text] of files()) {
      if (kind.claims(file, text))
        assert.ok(kind.extensions.includes(extname(file).toLowerCase()), `${kind.id} claims ${file} but does not list "${extname(file)}"`);
    }
  }
});

/** A plugin's kind: only its claim matters here. */
function pluginKind(id: string, claims: SourceKind['claims'], extensions?: readonly string[]): SourceKind {
  return { id, description: id, patterns: [], claims, read: () => assert.fail('not read'), ...(extensions ? { extensions } : {}) };
}

test('the claimant is the first kind that claims the file, plugin kinds (with extensions or without) first', () => {
  const anyName = pluginKind('any-name', (file) => file.includes('deploy'));
  const listed = pluginKind('listed', (file) => file.startsWith('ci/') && ['.txt', '.json'].includes(extname(file)), ['.txt', '.json']);
  const order = [anyName, listed, ...BUILTIN_SOURCE_KINDS];
  const kinds = new SourceKinds(order);
  for (const [file, text] of files()) {
    assert.equal(kinds.claimant(file, text)?.id, order.find((kind) => kind.claims(file, text))?.id, `${file} (${JSON.stringify(text)})`);
  }
});

test('a request file is asked of the JSON kind alone; a kind without extensions, of every file', () => {
  const asked: string[] = [];
  const counted = (kind: SourceKind): SourceKind => ({ ...kind, claims: (file, text) => (asked.push(kind.id), kind.claims(file, text)) });
  const everyFile = pluginKind('every-file', () => false);
  const kinds = new SourceKinds([counted(everyFile), ...BUILTIN_SOURCE_KINDS.map(counted)]);
  assert.equal(kinds.claimant('requests/r-1.json', '{}')?.id, 'json');
  assert.deepEqual(asked, ['every-file', 'json']);
  asked.length = 0;
  assert.equal(kinds.claimant('src/a.ts', '')?.id, 'javascript');
  assert.deepEqual(asked, ['every-file', 'javascript']);
});

test.run();
