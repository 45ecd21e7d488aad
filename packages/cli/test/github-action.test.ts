import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { parse } from 'yaml';
import { BIN, REPO_ROOT } from './helpers/run-cli.js';
import { badRequest, ciProject, goodRequest, json } from './helpers/ci-project.js';

const test = suite('github-action');

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const steps = action.runs.steps;
const step = (id: string) => steps.find((s) => s.id === id)!;

test('a composite action: every run step names its shell, inputs reach scripts only through env, every input is used', () => {
  assert.equal(action.runs.using, 'composite');
  for (const s of steps.filter((s) => s.run !== undefined)) {
    assert.equal(s.shell, 'bash', `${s.id ?? s.run}`);
    assert.doesNotMatch(s.run!, /\$\{\{/, 'no expression spliced into a script');
  }
  const text = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
  for (const input of Object.keys(action.inputs)) assert.match(text, new RegExp(`inputs\\.${input}\\b`), `input ${input} is used`);
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  assert.equal(upload.uses, 'github/codeql-action/upload-sarif@v3');
  assert.equal(upload.with!.sarif_file, '${{ inputs.working-directory }}/${{ inputs.sarif-file }}');
  assert.match(upload.if!, /always\(\)/, 'SARIF is uploaded even when findings fail the step');
  assert.equal(action.outputs['exit-code']!.value, '${{ steps.lint.outputs.exit-code }}');
});

/** Run the action's lint script as the runner would: bash, with its env and GITHUB_OUTPUT. */
function runLintStep(cwd: string, inputs: { files: string; args?: string; sarif?: string }) {
  const outputFile = path.join(cwd, 'github-output.txt');
  writeFileSync(outputFile, '');
  const result = spawnSync('bash', ['-c', step('lint').run!], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      OTALINT_BIN: `${process.execPath} ${BIN}`,
      OTALINT_FILES: inputs.files,
      OTALINT_ARGS: inputs.args ?? '',
      OTALINT_SARIF: inputs.sarif ?? 'otalint.sarif',
      GITHUB_OUTPUT: outputFile,
    },
  });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('=') as [string, string]),
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs };
}

test('the lint step annotates, writes SARIF, records the exit code, and leaves failing to the last step', () => {
  const cwd = ciProject({ 'requests/bad.json': json(badRequest()), 'requests/good.json': json(goodRequest()) });
  const run = runLintStep(cwd, { files: 'requests/*.json', sarif: 'reports/otalint.sarif' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.outputs, { 'exit-code': '1', 'sarif-file': 'reports/otalint.sarif' });
  assert.match(run.stdout, /^::error file=requests\/bad\.json,line=2,/m);
  const sarif = JSON.parse(readFileSync(path.join(cwd, 'reports/otalint.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results.length, 2);
});

test('extra args pass through; a failed run (exit 2) is reported as such', () => {
  const cwd = ciProject({ 'good.json': json(goodRequest()) });
  const clean = runLintStep(cwd, { files: 'good.json', args: '--max-warnings 0 --cache' });
  assert.equal(clean.outputs['exit-code'], '0', clean.stdout + clean.stderr);
  const failed = runLintStep(cwd, { files: 'missing.json' });
  assert.equal(failed.outputs['exit-code'], '2');
  assert.match(failed.stdout, /::error title=otalint::otalint could not finish \(exit 2\)/);
});

test.run();
