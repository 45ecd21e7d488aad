import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { runCli } from './helpers/run-cli.js';
import { runMain } from './helpers/run-main.js';

const test = suite('command line: mistakes in our words');

test('the binary: `otalint --formt json` asks "did you mean --format?", exit 2', () => {
  const run = runCli(['--formt', 'json', 'fixtures/good']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'otalint: Unknown option --formt; did you mean --format? Run `otalint --help` for the options.\n');
  assert.equal(run.stdout, '');
});

test('every command suggests its own nearest option, and points at its own help', async () => {
  const cases = [
    [['--max-warning', '0'], '--max-warnings', 'otalint --help'],
    [['lint', '--ignore-patern', 'x'], '--ignore-pattern', 'otalint --help'],
    [['lint', '--no-colour'], '--no-color', 'otalint --help'],
    [['lint', '--fix-dryrun'], '--fix-dry-run', 'otalint --help'],
    [['lint', '--stdin-file-name', 'a.json'], '--stdin-filename', 'otalint --help'],
    [['submit', '--dryrun'], '--dry-run', 'otalint submit --help'],
    [['submit', '--endpoint', 'http://127.0.0.1:1'], '--endpoint-url', 'otalint submit --help'],
    [['rules', '--formatt', 'json'], '--format', 'otalint rules --help'],
    [['print-config', 'a.json', '--confg', 'x'], '--config', 'otalint print-config --help'],
    [['init', '--jsn'], '--json', 'otalint init --help'],
    [['skeleton', '--hlep'], '--help', 'otalint skeleton --help'],
  ] as const;
  for (const [args, hint, help] of cases) {
    const run = await runMain(args);
    assert.equal(run.status, 2, args.join(' '));
    const written = args.find((arg) => arg.startsWith('-'))!;
    assert.equal(run.stderr, `otalint: Unknown option ${written}; did you mean ${hint}? Run \`${help}\` for the options.\n`, args.join(' '));
  }
});

test('no hint when nothing is close; a short option in the wrong case finds its letter', async () => {
  const far = await runMain(['--frobnicate']);
  assert.equal(far.stderr, 'otalint: Unknown option --frobnicate. Run `otalint --help` for the options.\n');
  const shortCase = await runMain(['-F', 'json']);
  assert.equal(shortCase.stderr, 'otalint: Unknown option -F; did you mean -f? Run `otalint --help` for the options.\n');
  const unknownShort = await runMain(['rules', '-x']);
  assert.equal(unknownShort.stderr, 'otalint: Unknown option -x. Run `otalint rules --help` for the options.\n');
});

test('a value missing, or given to a flag: said in our words', async () => {
  const missing = await runMain(['--format']);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'otalint: --format needs a value. Run `otalint --help` for the options.\n');
  const extra = await runMain(['--quiet=yes']);
  assert.equal(extra.stderr, 'otalint: --quiet takes no value. Run `otalint --help` for the options.\n');
});

test.run();
