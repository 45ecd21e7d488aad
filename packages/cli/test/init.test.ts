import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configs } from '@otalint/rules';
import { suite } from 'uvu';
import { runCli, tempProject } from './helpers/run-cli.js';

const test = suite('otalint init');

const presetSeverities = (name: string) => (configs[name] as { rules: Record<string, string> }).rules;

function resolvedSeverities(dir: string): Record<string, string> {
  const run = runCli(['print-config', 'update.json'], { cwd: dir });
  assert.equal(run.status, 0, run.stderr);
  const printed = JSON.parse(run.stdout) as { configFile: string; rules: Record<string, { severity: string }> };
  return Object.fromEntries(Object.entries(printed.rules).map(([id, setting]) => [id, setting.severity]));
}

test('writes otalint.config.mjs extending recommended; otalint loads it', () => {
  const dir = tempProject({});
  const run = runCli(['init'], { cwd: dir });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Wrote otalint\.config\.mjs/);
  assert.match(readFileSync(path.join(dir, 'otalint.config.mjs'), 'utf8'), /export default \[\n {2}\{ extends: \['recommended'\] \},/);
  assert.deepEqual(resolvedSeverities(dir), Object.fromEntries(Object.entries(presetSeverities('recommended')).sort(([a], [b]) => a.localeCompare(b))));
});

test('--json --preset strict writes .otalintrc.json; otalint loads it', () => {
  const dir = tempProject({});
  const run = runCli(['init', '--json', '--preset', 'strict'], { cwd: dir });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, '.otalintrc.json'), 'utf8')), [{ extends: ['strict'] }]);
  assert.equal(existsSync(path.join(dir, 'otalint.config.mjs')), false);
  assert.deepEqual(resolvedSeverities(dir), Object.fromEntries(Object.entries(presetSeverities('strict')).sort(([a], [b]) => a.localeCompare(b))));
});

test('refuses to overwrite any existing config: exit 2, a message, the file untouched', () => {
  for (const existing of ['otalint.config.mjs', 'otalint.config.js', '.otalintrc.json']) {
    for (const flags of [[], ['--json']]) {
      const dir = tempProject({});
      writeFileSync(path.join(dir, existing), 'export default [];\n');
      const run = runCli(['init', ...flags], { cwd: dir });
      assert.equal(run.status, 2, `${existing} ${flags}`);
      assert.equal(run.stderr, `otalint: ${existing} already exists; not overwriting it. Edit it, or remove it and run \`otalint init\` again.\n`);
      assert.equal(readFileSync(path.join(dir, existing), 'utf8'), 'export default [];\n');
    }
  }
});

test('an unknown preset is a usage error with a hint; nothing is written', () => {
  const dir = tempProject({});
  const run = runCli(['init', '--preset', 'recomended'], { cwd: dir });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /Unknown preset "recomended"; did you mean "recommended"/);
  assert.equal(existsSync(path.join(dir, 'otalint.config.mjs')), false);
});

test.run();
