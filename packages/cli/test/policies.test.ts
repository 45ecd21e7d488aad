import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { runCli, tempProject } from './helpers/run-cli.js';
import { goodRequest, json } from './helpers/ci-project.js';
import { assertUploadable } from './helpers/sarif-schema.js';
import { runMain } from './helpers/run-main.js';
import { UNBUNDLED_BIN, runOtalint } from './support/run-bin.js';

const test = suite('policies through the CLI: a team policy behaves like a built-in rule');

const POLICIES = [
  {
    id: 'acme/abort-required',
    message: 'Every update needs an abort config (release policy 4.2).',
    docsUrl: 'https://wiki.example.com/ota#abort',
    given: '',
    then: { required: ['awsJobAbortConfig'] },
  },
  { id: 'acme/max-rate', given: '/awsJobExecutionsRolloutConfig/maximumPerMinute', then: { maximum: 100 } },
  { id: 'acme/group-targets', given: '/targets/*', then: { pattern: ':thinggroup/' }, message: 'Target thing groups, not single things.' },
];

/** A request every policy fails: no abort config, a rate of 500, a thing target. */
function failingRequest(): Record<string, unknown> {
  return { ...goodRequest(), awsJobExecutionsRolloutConfig: { maximumPerMinute: 500 } };
}

function project(config: unknown = [{ extends: ['recommended'], policies: POLICIES }], files: Record<string, string> = {}): string {
  return tempProject({ '.otalintrc.json': json(config), 'requests/a.json': json(failingRequest()), ...files });
}

test('stylish: policy findings at their lines, exit 1; the JSON report names them like any rule', () => {
  const cwd = project();
  const run = runCli(['requests/a.json'], { cwd, env: { NO_COLOR: '1' } });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^ {2}1:1 +error {2}Every update needs an abort config \(release policy 4\.2\)\. {2}acme\/abort-required$/m);
  assert.match(run.stdout, /^ {2}4:5 +error {2}Target thing groups, not single things\. {2}acme\/group-targets$/m);
  assert.match(run.stdout, /^ {2}\d+:\d+ +error {2}`maximumPerMinute` is 500; it must be at most 100\. {2}acme\/max-rate$/m);

  const report = JSON.parse(runCli(['requests/a.json', '--format', 'json'], { cwd }).stdout) as {
    results: Array<{ messages: Array<{ ruleId: string; path: string; fingerprint: string }> }>;
  };
  const messages = report.results[0]!.messages.filter((m) => m.ruleId.startsWith('acme/'));
  assert.deepEqual(
    messages.map((m) => `${m.ruleId} ${m.path}`),
    ['acme/abort-required /awsJobAbortConfig', 'acme/group-targets /targets/0', 'acme/max-rate /awsJobExecutionsRolloutConfig/maximumPerMinute'],
  );
  assert.ok(
    messages.every((m) => /^[0-9a-f]{32}:\d+$/.test(m.fingerprint)),
    'policy findings carry fingerprints',
  );
});

test('SARIF: each reported policy is a rule with its description, its definition as help, and its docs link', () => {
  const cwd = project();
  const log = JSON.parse(runCli(['requests/a.json', '--format', 'sarif'], { cwd }).stdout);
  assertUploadable(log);
  const rules = log.runs[0].tool.driver.rules as Array<{ id: string; shortDescription: { text: string }; helpUri?: string; help?: { markdown: string } }>;
  const abort = rules.find((rule) => rule.id === 'acme/abort-required')!;
  assert.equal(abort.shortDescription.text, 'Every update needs an abort config (release policy 4.2).');
  assert.equal(abort.helpUri, 'https://wiki.example.com/ota#abort');
  assert.match(abort.help!.markdown, /## Policy\n\nDeclared in \.otalintrc\.json at \[0\]\.policies\[0\]\./);
  assert.match(abort.help!.markdown, /\[Rule documentation\]\(https:\/\/wiki\.example\.com\/ota#abort\)$/);
  const rate = rules.find((rule) => rule.id === 'acme/max-rate')!;
  assert.equal(rate.helpUri, undefined, 'no docsUrl: no help link, but the definition as help');
  assert.match(rate.help!.markdown, /"maximum": 100/);
  const results = log.runs[0].results as Array<{ ruleId: string; ruleIndex: number }>;
  assert.ok(results.some((result) => result.ruleId === 'acme/max-rate' && rules[result.ruleIndex]!.id === 'acme/max-rate'));
});

test('baselines record policy findings and hide them on the next run; unsuppressible policies stay', () => {
  const cwd = project();
  const created = runCli(['requests', '--baseline-create', '.otalint-baseline.json'], { cwd });
  assert.equal(created.status, 0, created.stdout + created.stderr);
  const baseline = JSON.parse(readFileSync(path.join(cwd, '.otalint-baseline.json'), 'utf8')) as { files: Record<string, Record<string, { ruleId: string }>> };
  const recorded = Object.values(baseline.files).flatMap((entries) => Object.values(entries).map((entry) => entry.ruleId));
  assert.ok(recorded.includes('acme/max-rate') && recorded.includes('acme/abort-required'), JSON.stringify(baseline));
  const again = runCli(['requests', '--baseline', '.otalint-baseline.json'], { cwd });
  assert.equal(again.status, 0, again.stdout + again.stderr);

  writeFileSync(path.join(cwd, '.otalintrc.json'), json([{ extends: ['recommended'], policies: POLICIES, unsuppressible: ['acme/max-rate'] }]));
  const locked = runCli(['requests', '--baseline', '.otalint-baseline.json', '--format', 'json'], { cwd });
  assert.equal(locked.status, 1);
  const shown = (JSON.parse(locked.stdout) as { results: Array<{ messages: Array<{ ruleId: string }> }> }).results.flatMap((r) =>
    r.messages.map((m) => m.ruleId),
  );
  assert.deepEqual(shown, ['acme/max-rate']);
});

test("otalint rules lists the config's policies and explains one with its definition, from config", async () => {
  const cwd = project();
  const explained = await runMain(['rules', 'acme/max-rate'], cwd);
  assert.equal(explained.status, 0, explained.stderr);
  assert.equal(
    explained.stdout,
    [
      'acme/max-rate: `/awsJobExecutionsRolloutConfig/maximumPerMinute` satisfies {"maximum":100}.',
      '',
      '  category   policy (certainty: documented)',
      '  severity   error by default; presets: recommended -, strict -, freertos -, all -',
      '  fixable    no; suggests edits',
      '',
      '## Policy',
      '',
      'Declared in .otalintrc.json at [0].policies[1]. Every value at `/awsJobExecutionsRolloutConfig/maximumPerMinute` must satisfy this JSON Schema:',
      '',
      '```json',
      '{',
      '  "maximum": 100',
      '}',
      '```',
      '',
    ].join('\n'),
  );
  const json = JSON.parse((await runMain(['rules', 'acme/abort-required', '--format', 'json'], cwd)).stdout) as {
    docsUrl: string;
    category: string;
    docs: string;
  };
  assert.equal(json.docsUrl, 'https://wiki.example.com/ota#abort');
  assert.equal(json.category, 'policy');
  assert.match(json.docs, /Message: Every update needs an abort config \(release policy 4\.2\)\.\n$/);
  const listed = (await runMain(['rules'], cwd)).stdout;
  assert.match(
    listed,
    /^acme\/abort-required +- +- +- +- +Every update needs an abort config \(release policy 4\.2\)\.\n +https:\/\/wiki\.example\.com\/ota#abort\nacme\/max-rate /m,
  );
  assert.match(listed, /^acme\/max-rate .*\nacme\/group-targets /m, 'no empty docs line under a policy without docsUrl');
});

test('a YAML disable comment names a policy like a rule', () => {
  const yaml = [
    'otaUpdateId: prod-fw-1',
    'targets:',
    '  # otalint-disable-next-line acme/group-targets -- one bench device, ticket OTA-7',
    '  - arn:aws:iot:eu-west-1:111122223333:thing/bench-1',
    'files:',
    '  - fileName: fw.bin',
    '    fileLocation: { stream: { streamId: s1, fileId: 0 } }',
    '    codeSigning: { awsSignerJobId: job-1 }',
    'roleArn: arn:aws:iam::111122223333:role/ota',
    '',
  ].join('\n');
  const cwd = tempProject({ '.otalintrc.json': json([{ policies: [POLICIES[2]] }]), 'a.yaml': yaml });
  const run = runCli(['a.yaml', '--format', 'json'], { cwd });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const result = (JSON.parse(run.stdout) as { results: Array<{ messages: unknown[]; suppressedMessages: Array<{ ruleId: string }> }> }).results[0]!;
  assert.deepEqual(result.messages, []);
  assert.deepEqual(
    result.suppressedMessages.map((m) => m.ruleId),
    ['acme/group-targets'],
  );
});

test('a broken policy stops the run with exit 2, naming the file, the policy and the problem', () => {
  const cwd = project([{ policies: [{ id: 'acme/max-rate', given: '/awsJobExecutionsRolloutConfig/maximumPerMinut', then: { maximum: 100 } }] }]);
  const run = runCli(['requests'], { cwd });
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(
    run.stderr,
    'otalint: invalid config: .otalintrc.json: [0].policies[0].given: policy "acme/max-rate": "/awsJobExecutionsRolloutConfig/maximumPerMinut" leaves the request at "maximumPerMinut": `awsJobExecutionsRolloutConfig` has no member "maximumPerMinut"; did you mean "maximumPerMinute"?\n',
  );
});

test('--cache: changing a policy lints again', () => {
  const cwd = project([{ policies: [POLICIES[1]] }]);
  const first = runCli(['requests', '--cache', '--format', 'json'], { cwd });
  assert.equal(first.status, 1, first.stderr);
  writeFileSync(path.join(cwd, '.otalintrc.json'), json([{ policies: [{ ...POLICIES[1], then: { maximum: 1000 } }] }]));
  const second = runCli(['requests', '--cache', '--format', 'json'], { cwd });
  assert.equal(second.status, 0, second.stdout);
});

test("lint loads ajv's compiler only when the config holds a policy", async () => {
  const hook = path.join(path.dirname(new URL(import.meta.url).pathname), 'support/trace-imports.mjs');
  const compilerModules = async (config: unknown) => {
    const cwd = project(config);
    const trace = path.join(cwd, 'modules.txt');
    // Unbundled: the bundle inlines ajv (still loaded lazily: esbuild keeps a dynamic import a lazy
    // init), where no module trace can see it.
    const run = await runOtalint(['requests'], {
      cwd,
      env: { ...process.env, OTALINT_TRACE_IMPORTS: trace },
      nodeArgs: ['--import', hook],
      bin: UNBUNDLED_BIN,
    });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const modules = readFileSync(trace, 'utf8').trim().split('\n');
    assert.ok(
      modules.some((url) => url.includes('/packages/cli/dist/commands/lint.js')),
      'the trace saw the lint command',
    );
    return modules.filter((url) => /\/ajv\/dist\/(?:2020|core|ajv|compile\/index)\.js$/.test(url));
  };
  assert.deepEqual(await compilerModules([{ extends: ['recommended'] }]), []);
  assert.ok((await compilerModules([{ policies: [POLICIES[1]] }])).some((url) => url.endsWith('/ajv/dist/2020.js')));
});

test.run();
