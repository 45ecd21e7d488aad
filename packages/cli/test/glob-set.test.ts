import assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { suite } from 'uvu';
import { BUILTIN_SOURCE_KINDS } from '@otalint/core/engine';
import { globSet, type CompileGlobs, type GlobSetOptions } from '../src/glob-set.js';
import { NOT_REQUESTS } from '../src/discover.js';

/**
 * Folder expansion tests each file against every kind's patterns: the set answers the common
 * forms by the file's name, and must give picomatch's answers for every path.
 */
const test = suite('glob sets: picomatch answers, picomatch rarely run');

const KIND_PATTERNS = [...new Set(BUILTIN_SOURCE_KINDS.flatMap((kind) => kind.patterns))];
const OTHER_PATTERNS = [
  '**/*.d.ts',
  '**/.eslintrc.json',
  'docs/**/*.md',
  '**/*rc',
  '**/data-*',
  '**/*.{json,{yml,yaml}}',
  '**/[Rr]eadme.md',
  '**/*.json5',
  '*.json',
  'requests/*.json',
  'foo*bar*.json',
  '**/a.b.c',
];

const SEGMENTS = ['a', 'src', '.github', 'workflows', '.config', 'x.y', '.', 'Docs', 'requests', 'b c', 'ü'];
const NAMES = [
  'req-1.json',
  'a.JSON',
  '.json',
  'json',
  'x.d.ts',
  'a.ts',
  'b.tsx',
  'c.MJS',
  'Makefile',
  'makefile',
  'GNUmakefile',
  'rules.mk',
  'build',
  'deploy.sh',
  'x.bash',
  '.gitlab-ci.yml',
  'prod.gitlab-ci.yml',
  'ci.yml',
  'ci.yaml',
  'README.md',
  'readme.md',
  'notes.markdown',
  'tool.py',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'tsconfigjson',
  '.otalintrc.json',
  '.pre-commit-config.yaml',
  'action.yml',
  'a.',
  '.bashrc',
  'data-x',
  'foo-bar.json',
  'foobar.json',
  'a.b.c',
  'x.json5',
  'weird name.json',
  'back\\slash.json',
];

function paths(): string[] {
  const all: string[] = [];
  for (const name of NAMES) {
    all.push(name);
    for (const first of SEGMENTS) {
      all.push(`${first}/${name}`);
      for (const second of SEGMENTS) all.push(`${first}/${second}/${name}`);
    }
  }
  return all;
}

function assertSameAnswers(patterns: readonly string[], options: GlobSetOptions): void {
  const reference = picomatch([...patterns], { dot: options.dot, basename: options.basename ?? false });
  const set = globSet(patterns, options);
  for (const path of paths()) assert.equal(set(path), reference(path), `${path} against ${patterns.join(' ')} (${JSON.stringify(options)})`);
}

test('the source kinds’ patterns, as folders expand them: every path answered as picomatch answers', () => {
  assertSameAnswers(KIND_PATTERNS, { dot: false });
});

test('the files folders pass over (basename, dot): every path answered as picomatch answers', () => {
  assertSameAnswers(NOT_REQUESTS, { dot: true, basename: true });
});

test('other forms, each alone and all together, with and without dot and basename', () => {
  for (const options of [{ dot: false }, { dot: true }, { dot: false, basename: true }, { dot: true, basename: true }]) {
    for (const pattern of [...OTHER_PATTERNS, ...KIND_PATTERNS, ...NOT_REQUESTS]) assertSameAnswers([pattern], options);
    assertSameAnswers([...OTHER_PATTERNS, ...KIND_PATTERNS], options);
  }
});

test('request files, sources and Makefiles are answered by name: no glob test runs for them', () => {
  let tests = 0;
  const counting: CompileGlobs = (patterns, options) => {
    const match = picomatch(patterns, { dot: options.dot, basename: options.basename ?? false });
    return (path) => (tests++, match(path));
  };
  const isKindFile = globSet(KIND_PATTERNS, { dot: false }, counting);
  const notRequest = globSet(NOT_REQUESTS, { dot: true, basename: true }, counting);
  const common = ['requests/req-1.json', 'src/a/b.ts', 'lib/x.mjs', 'tool.py', 'docs/README.md', 'scripts/deploy.sh', 'Makefile', 'ci/prod.gitlab-ci.yml'];
  for (const path of common) {
    assert.equal(isKindFile(path), true, path);
    assert.equal(notRequest(path), false, path);
  }
  assert.equal(notRequest('packages/a/tsconfig.build.json'), true);
  assert.equal(tests, 0, 'no picomatch test');
  // A file without an extension needs `!(*.*)`; one below a dot folder, the whole set.
  assert.equal(isKindFile('bin/build'), true);
  assert.equal(isKindFile('.github/workflows/ci.yml'), true);
  assert.equal(isKindFile('.github/notes.json'), false);
  assert.equal(tests, 3);
});

test.run();
