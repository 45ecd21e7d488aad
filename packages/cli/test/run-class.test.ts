import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { suite } from 'uvu';
import { LINT_COMMAND_SPEC } from '../src/commands/lint.js';
import { LARGE_RUN_FILES } from '../src/pipeline.js';
import { tempProject } from './helpers/run-cli.js';

/**
 * bin/run-class.cjs tells, from a command line and before the bundle is compiled, which code cache
 * a run reads: `files` (a few named files, standard input) or `tree` (the rest).
 */
const { runClass } = createRequire(import.meta.url)('../bin/run-class.cjs') as {
  runClass(argv: readonly string[], cwd?: string): 'files' | 'tree';
};

const test = suite('the class of a run, from its command line');

const project = tempProject({ 'a.json': '{}', 'b.yaml': '{}', 'ota/c.json': '{}', 'json/placeholder.txt': '' });

test("it knows which lint options take a value (the next word is the option's, not a file) and which do not", () => {
  for (const [name, spec] of Object.entries(LINT_COMMAND_SPEC)) {
    for (const option of [`--${name}`, ...('short' in spec ? [`-${spec.short}`] : [])]) {
      assert.equal(runClass([option, 'a.json'], project), spec.type === 'string' ? 'tree' : 'files', `otalint ${option} a.json`);
    }
  }
});

const cases: Array<[string[], 'files' | 'tree']> = [
  [['a.json'], 'files'],
  [['lint', 'a.json', 'ota/c.json'], 'files'],
  [['--format', 'json', 'a.json'], 'files'],
  [['-f', 'json', '-o', 'report.json', 'b.yaml'], 'files'],
  [['--format=json', 'a.json'], 'files'],
  [['--quiet', '--', 'a.json'], 'files'],
  [['--stdin', '--stdin-filename', 'x.py'], 'files'],
  [['lint', '--stdin'], 'files'],
  // `json` is --format's value; the folder named json is not what the run lints.
  [['-f', 'json', 'a.json', 'b.yaml'], 'files'],
  [[], 'tree'],
  [['.'], 'tree'],
  [['lint'], 'tree'],
  [['ota'], 'tree'],
  [['a.json', 'ota'], 'tree'],
  [['**/*.json'], 'tree'],
  [['missing.json'], 'tree'],
  [['--quiet', 'json'], 'tree'],
  [['--concurrency', '2'], 'tree'],
];
for (const [argv, expected] of cases) {
  test(`otalint ${argv.join(' ') || '(nothing)'}: ${expected}`, () => {
    assert.equal(runClass(argv, project), expected);
  });
}

test(`${LARGE_RUN_FILES} named files are a large run: tree`, () => {
  const many = Array.from({ length: LARGE_RUN_FILES }, () => 'a.json');
  assert.equal(runClass(many.slice(1), project), 'files');
  assert.equal(runClass(many, project), 'tree');
});

test.run();
