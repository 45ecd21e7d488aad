// The real `eslint` binary on a sample project whose eslint.config.mjs is only
// `export default [otalint.configs.recommended]`: its JSON output must hold the findings, ranges,
// severities and fixes that the `otalint` command reports for the same files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';

const test = suite('eslint-plugin-otalint: the eslint binary');
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const project = path.join(root, 'fixtures/eslint-project');
const require = createRequire(import.meta.url);
const eslintPackage = require.resolve('eslint/package.json');
const eslintBin = path.join(path.dirname(eslintPackage), 'bin/eslint.js');
const otalintBin = path.join(root, 'packages/cli/bin/otalint.cjs');

interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  output?: string;
}
interface OtalintResult {
  filePath: string;
  messages: Array<{ ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }>;
  output?: string;
}

function run(bin: string, args: string[]): unknown {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, `${path.basename(bin)} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}
const eslint = (...args: string[]) => run(eslintBin, ['--format', 'json', ...args, '.']) as EslintResult[];
const otalint = (...args: string[]) => (run(otalintBin, ['--format', 'json', ...args, 'src']) as { results: OtalintResult[] }).results;
const byFile = <T extends { filePath: string }>(results: T[]) => new Map(results.map((r) => [path.relative(project, path.resolve(project, r.filePath)), r]));

let plain: { eslint: Map<string, EslintResult>; otalint: Map<string, OtalintResult> } | undefined;
/** One run of each binary, shared by the tests that read plain (unfixed) findings. */
const plainRuns = () => (plain ??= { eslint: byFile(eslint()), otalint: byFile(otalint()) });

const asEslint = (m: OtalintResult['messages'][number]) => ({
  ruleId: `otalint/${m.ruleId}`,
  severity: m.severity === 'error' ? 2 : 1,
  message: m.message,
  line: m.line,
  column: m.column,
  endLine: m.endLine,
  endColumn: m.endColumn,
});
const pick = (m: EslintMessage) => ({
  ruleId: m.ruleId,
  severity: m.severity,
  message: m.message,
  line: m.line,
  column: m.column,
  endLine: m.endLine,
  endColumn: m.endColumn,
});

test(`eslint ${require('eslint/package.json').version} reports what otalint reports, at the same ranges and severities, in .ts, .js and .mjs files`, () => {
  const { eslint: fromEslint, otalint: fromOtalint } = plainRuns();
  assert.deepEqual([...fromEslint.keys()].sort(), ['eslint.config.mjs', 'src/disabled.ts', 'src/handler.ts', 'src/other.mjs', 'src/provision.js']);
  for (const file of ['eslint.config.mjs', 'src/handler.ts', 'src/provision.js', 'src/other.mjs']) {
    assert.deepEqual(fromEslint.get(file)!.messages.map(pick), (fromOtalint.get(file)?.messages ?? []).map(asEslint), file);
  }
  // Not vacuous: the findings are there, where the code has them.
  assert.deepEqual(
    fromEslint.get('src/handler.ts')!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`),
    ['6:22 otalint/role-arn-format', '15:17 otalint/protocols-combination', '26:5 otalint/presigned-url-without-http'],
  );
  assert.ok(fromEslint.get('src/provision.js')!.messages.some((m) => m.ruleId === 'otalint/increment-factor-precision' && m.severity === 2));
  assert.deepEqual(fromEslint.get('src/other.mjs')!.messages, [], 'CreateStream, CreateJob and GetOTAUpdate draw nothing');
});

test('otalint-disable comments work in ESLint; eslint-disable comments work for otalint rules', () => {
  const disabled = plainRuns().eslint.get('src/disabled.ts')!;
  assert.deepEqual(disabled.messages, []);
  const cli = plainRuns().otalint.get('src/disabled.ts')!;
  assert.deepEqual(
    cli.messages.map((m) => m.ruleId),
    ['protocols-combination'],
    'otalint itself does not read eslint-disable comments',
  );
});

test('--fix-dry-run: ESLint applies the same fixes as otalint --fix-dry-run', () => {
  const fromEslint = byFile(eslint('--fix-dry-run'));
  const fromOtalint = byFile(otalint('--fix-dry-run'));
  const fixed = [...fromEslint].filter(([, result]) => result.output !== undefined).map(([file]) => file);
  assert.deepEqual(fixed, ['src/handler.ts']);
  assert.equal(fromEslint.get('src/handler.ts')!.output, fromOtalint.get('src/handler.ts')!.output);
  assert.match(fromEslint.get('src/handler.ts')!.output!, /'arn:aws:iam::123456789012:role\/ota-update-role'[\s\S]*protocols: \['MQTT'\]/);
});

test.run();
