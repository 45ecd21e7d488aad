import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RESERVED_IDS, type Diagnostic, type FileResult } from '@otalint/core/engine';
import { rules as builtinRules } from '@otalint/rules';
import { suite } from 'uvu';
import { GITHUB_LIMITS, toSarifLog } from '../src/formatters/sarif.js';
import type { FormatContext } from '../src/formatters/types.js';
import { badRequest, ciProject, goodRequest, json } from './helpers/ci-project.js';
import { REPO_ROOT, runCli, tempProject, UNPRIVILEGED } from './helpers/run-cli.js';
import { assertUploadable, validateSarif } from './helpers/sarif-schema.js';
import { githubSarifProblems } from './support/github-sarif.js';

const test = suite('sarif');

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision?: string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> };
    logicalLocations?: Array<{ fullyQualifiedName: string }>;
  }>;
  partialFingerprints: Record<string, string>;
  suppressions?: unknown[];
}
interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: SarifRule[] } };
    results: SarifResult[];
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: Array<{ message: { text: string } }> }>;
    originalUriBaseIds: Record<string, { uri: string }>;
  }>;
}

function sarifOf(args: readonly string[], cwd: string, options: { status?: number; user?: typeof UNPRIVILEGED } = {}): SarifLog {
  const run = runCli([...args, '--format', 'sarif'], { cwd, ...(options.user ? { user: options.user } : {}) });
  if (options.status !== undefined) assert.equal(run.status, options.status, run.stderr);
  const log = JSON.parse(run.stdout) as SarifLog;
  assertUploadable(log, args.join(' '));
  return log;
}

const message = (overrides: Partial<Diagnostic> = {}): Diagnostic => ({
  ruleId: 'x',
  severity: 'error',
  message: 'm',
  path: '/otaUpdateId',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  offset: 0,
  length: 1,
  ...overrides,
});
const fileResult = (messages: Diagnostic[], overrides: Partial<FileResult> = {}): FileResult => ({
  filePath: 'r.json',
  messages,
  errorCount: messages.filter((m) => m.severity === 'error').length,
  warningCount: messages.filter((m) => m.severity === 'warning').length,
  infoCount: messages.filter((m) => m.severity === 'info').length,
  fatal: false,
  ...overrides,
});
const CONTEXT: FormatContext = {
  cwd: '/work',
  rules: new Map([['x', { description: 'X.', docsUrl: 'https://example.test/x', defaultSeverity: 'warning', category: 'identity', certainty: 'inferred' }]]),
  color: false,
  toolVersion: '1.2.3',
};

test('the two checks themselves reject broken logs (so a pass means something)', () => {
  assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);

  const good = toSarifLog([fileResult([message({ fingerprint: 'f:1' })])], CONTEXT);
  assert.deepEqual(githubSarifProblems(good), []);
  const broken: Array<[string, (log: any) => void, RegExp]> = [
    ['no $schema', (log) => delete log.$schema, /^\$schema: required/],
    [
      '21 runs',
      (log) => (log.runs = Array.from({ length: 21 }, (_, i) => ({ ...log.runs[0], automationDetails: { id: `c${i}/` } }))),
      /^runs: 21 runs; at most 20/,
    ],
    ['two runs, one category', (log) => log.runs.push(structuredClone(log.runs[0])), /^runs\[1\]: a second run of "otalint" in category ""/],
    ['no rules', (log) => delete log.runs[0].tool.driver.rules, /rules: required/],
    ['rule without fullDescription', (log) => delete log.runs[0].tool.driver.rules[0].fullDescription, /rules\[0\]\.fullDescription\.text: required/],
    ['rule without help', (log) => delete log.runs[0].tool.driver.rules[0].help, /rules\[0\]\.help\.text: required/],
    ['description over 1024', (log) => (log.runs[0].tool.driver.rules[0].shortDescription.text = 'x'.repeat(1025)), /1025 characters; at most 1024/],
    ['21 tags', (log) => (log.runs[0].tool.driver.rules[0].properties.tags = Array.from({ length: 21 }, String)), /tags: at most 20/],
    ['duplicate rule id', (log) => log.runs[0].tool.driver.rules.push(log.runs[0].tool.driver.rules[0]), /"x" is not unique/],
    ['unknown ruleId', (log) => (log.runs[0].results[0].ruleId = 'nope'), /"nope" is not in tool\.driver\.rules/],
    ['wrong ruleIndex', (log) => (log.runs[0].results[0].ruleIndex = 5), /ruleIndex: does not point/],
    ['startLine 0', (log) => (log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0), /startLine: 0; a line number from 1/],
    ['end before start', (log) => (log.runs[0].results[0].locations[0].physicalLocation.region.endColumn = 0), /endColumn: 0; not before startColumn/],
    ['no location', (log) => (log.runs[0].results[0].locations = []), /locations: at least one location/],
    [
      'absolute path',
      (log) => (log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = '/work/r.json'),
      /"\/work\/r\.json": relative to the repository root/,
    ],
    ['escaping the root', (log) => (log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = '../r.json'), /"\.\.\/r\.json": relative/],
    [
      'http URI',
      (log) => Object.assign(log.runs[0].results[0].locations[0].physicalLocation, { artifactLocation: { uri: 'https://x/r.json' } }),
      /"https:\/\/x\/r\.json"/,
    ],
    ['no fingerprints', (log) => delete log.runs[0].results[0].partialFingerprints, /partialFingerprints: required/],
    [
      'only our own fingerprint',
      (log) => (log.runs[0].results[0].partialFingerprints = { 'otalint/v1': 'f:1' }),
      /primaryLocationLineHash: the one fingerprint/,
    ],
    [
      '25,001 results',
      (log) => (log.runs[0].results = Array.from({ length: 25_001 }, () => log.runs[0].results[0])),
      /25001 results; a run with more than 25,000 is rejected/,
    ],
  ];
  for (const [what, breakIt, expected] of broken) {
    const log = structuredClone(good);
    breakIt(log);
    const problems = githubSarifProblems(log);
    assert.ok(
      problems.some((problem) => expected.test(problem)),
      `${what}: ${problems.join('; ') || 'no problem found'}`,
    );
  }
});

test('a real run (stylish beside sarif and json): every rule the run knows, reserved ids included, each with help and a link', () => {
  const cwd = ciProject({
    'requests/bad one.json': json(badRequest()),
    'requests/good.yaml':
      'otaUpdateId: fw-1\ntargets: [arn:aws:iot:us-east-1:123456789012:thing/d1]\nfiles:\n  - fileName: fw.bin\n    fileLocation: {stream: {streamId: s1, fileId: 0}}\n    codeSigning: {awsSignerJobId: job-1}\nroleArn: arn:aws:iam::123456789012:role/ota\n',
  });
  const run = runCli(['requests', '--format', 'stylish', '--format', 'sarif:out/report.sarif', '--format', 'json:report.json'], { cwd });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /requests\/bad one\.json/, 'stylish still on stdout');

  const log = JSON.parse(readFileSync(path.join(cwd, 'out/report.sarif'), 'utf8')) as SarifLog & {
    runs: Array<{ tool: { driver: { name: string } }; columnKind: string }>;
  };
  assertUploadable(log);
  assert.equal(log.runs.length, 1);
  const [sarifRun] = log.runs;
  assert.equal(sarifRun!.tool.driver.name, 'otalint');
  assert.equal(sarifRun!.columnKind, 'utf16CodeUnits');
  const rules = sarifRun!.tool.driver.rules;
  assert.deepEqual(
    rules.map((rule) => rule.id),
    [...Object.keys(builtinRules), ...RESERVED_IDS.map((entry) => entry.id)],
    'every built-in rule, then every reserved id: the same list whatever was found',
  );
  for (const rule of rules) {
    assert.match(rule.helpUri ?? '', new RegExp(`^https://github\\.com/otalint/otalint/blob/main/packages/(rules|core)/docs/${rule.id}\\.md$`), rule.id);
    assert.ok(rule.help.markdown.endsWith(`[Rule documentation](${rule.helpUri})`), rule.id);
  }
  const syntax = rules.find((rule) => rule.id === 'syntax-error')!;
  assert.equal(syntax.shortDescription.text, RESERVED_IDS.find((entry) => entry.id === 'syntax-error')!.description);
  assert.deepEqual(syntax.properties.tags, ['otalint', 'engine']);
  const model = rules.find((rule) => rule.id === 'aws-api-model')!;
  assert.deepEqual(model.properties, { tags: ['otalint', 'model'], precision: 'very-high', 'problem.severity': 'error' });

  const results = sarifRun!.results;
  assert.equal(results.length, 2);
  const byPointer = Object.fromEntries(results.map((r) => [r.locations[0]!.logicalLocations![0]!.fullyQualifiedName, r]));
  const id = byPointer['/otaUpdateId']!;
  assert.equal(id.level, 'error');
  assert.equal(rules[id.ruleIndex]!.id, 'aws-api-model');
  assert.deepEqual(id.locations[0]!.physicalLocation.artifactLocation, { uri: 'requests/bad%20one.json', uriBaseId: '%SRCROOT%' });
  // `  "otaUpdateId": "bad id!",` : the value starts at column 18 and is 9 code units long.
  assert.deepEqual(id.locations[0]!.physicalLocation.region, { startLine: 2, startColumn: 18, endLine: 2, endColumn: 27, charOffset: 19, charLength: 9 });

  const report = JSON.parse(readFileSync(path.join(cwd, 'report.json'), 'utf8'));
  const jsonFingerprints = report.results.flatMap((r: { messages: Array<{ fingerprint: string }> }) => r.messages.map((m) => m.fingerprint)).sort();
  assert.deepEqual(results.map((r) => r.partialFingerprints['otalint/v1']).sort(), jsonFingerprints);
  assert.deepEqual(
    results.map((r) => r.partialFingerprints.primaryLocationLineHash).sort(),
    jsonFingerprints,
    'code scanning tracks alerts by our fingerprint',
  );

  const clean = sarifOf(['requests/good.yaml'], cwd, { status: 0 });
  assert.deepEqual(clean.runs[0]!.results, []);
  assert.equal(clean.runs[0]!.invocations[0]!.executionSuccessful, true);
  assert.deepEqual(
    clean.runs[0]!.tool.driver.rules.map((rule) => rule.id),
    rules.map((rule) => rule.id),
    'a clean run lists the same rules: rule ids and indexes are stable',
  );
});

test('every shape of finding otalint reports uploads: syntax, several requests per file, waivers, unused suppressions, the bad fixtures', () => {
  const cwd = tempProject({
    '.otalintrc.json': json([
      { extends: ['recommended'], suppressions: [{ files: ['nothing-here.json'], path: '', rule: 'aws-api-model', reason: 'never used' }] },
    ]),
    'syntax.json': '{\n  "otaUpdateId": "a"\n  "roleArn": "arn:aws:iam::123456789012:role/r",\n}\n',
    'dup.yaml': 'otaUpdateId: a\notaUpdateId: b\n',
    'empty.json': '',
    'waived.yaml': '# otalint-disable-next-line aws-api-model -- testing\notaUpdateId: bad id!\n',
    'nothing-here.json': json(goodRequest()),
    'deploy.py': [
      'import boto3',
      "iot = boto3.client('iot')",
      "iot.create_ota_update(otaUpdateId='bad id!', targets=['x'], files=[{'fileName': 'a'}], roleArn='r')",
      "iot.create_ota_update(otaUpdateId='fw-2', targets=['y'], files=[{'fileName': 'b'}], roleArn='r')",
      '',
    ].join('\n'),
  });
  const log = sarifOf(['.'], cwd, { status: 1 });
  const results = log.runs[0]!.results;
  const ids = new Set(results.map((r) => r.ruleId));
  for (const expected of ['syntax-error', 'duplicate-key', 'aws-api-model', 'unused-suppression'])
    assert.ok(ids.has(expected), `${expected}: ${[...ids].join(', ')}`);
  assert.ok(
    results.some((r) => r.suppressions),
    'the waived finding is kept, marked suppressed',
  );
  assert.ok(
    results.some((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'deploy.py' && r.locations[0]!.physicalLocation.region.startLine === 4),
  );
  assert.ok(results.some((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === '.otalintrc.json'));

  sarifOf(['fixtures/bad'], REPO_ROOT, { status: 1 });
  sarifOf(['fixtures/code'], REPO_ROOT);
});

(UNPRIVILEGED ? test : test.skip)('an unreadable file: a result with its fingerprint, and executionSuccessful false', () => {
  const cwd = ciProject({ 'a.json': json(goodRequest()), 'secret.json': json(goodRequest()) });
  chmodSync(cwd, 0o755);
  chmodSync(path.join(cwd, 'secret.json'), 0o000);
  const log = sarifOf(['.'], cwd, { status: 2, user: UNPRIVILEGED! });
  assert.equal(log.runs[0]!.invocations[0]!.executionSuccessful, false);
  const [unreadable] = log.runs[0]!.results;
  assert.equal(unreadable!.ruleId, 'unreadable-file');
  assert.match(unreadable!.partialFingerprints.primaryLocationLineHash!, /^[0-9a-f]{32}:1$/);
});

test('paths are relative to the repository root, whichever folder otalint runs in', () => {
  const repo = ciProject({ 'firmware/requests/bad.json': json(badRequest()) });
  assert.equal(spawnSync('git', ['init', '-q'], { cwd: repo }).status, 0);
  const fromSubfolder = sarifOf(['requests'], path.join(repo, 'firmware'), { status: 1 });
  const uris = fromSubfolder.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);
  assert.deepEqual(uris[0], { uri: 'firmware/requests/bad.json', uriBaseId: '%SRCROOT%' });
  assert.equal(fromSubfolder.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri, `file://${repo}/`);

  // A file outside the root keeps an absolute file: URI rather than a path code scanning would misplace.
  const outside = tempProject({ 'elsewhere.json': json(badRequest()) });
  mkdirSync(path.join(repo, 'sub'));
  const log = sarifOf([path.join(outside, 'elsewhere.json')], path.join(repo, 'sub'), { status: 1 });
  assert.deepEqual(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation, { uri: `file://${outside}/elsewhere.json` });
});

test('regions are valid whatever a source kind reported: lines and columns from 1, the end not before the start', () => {
  const log = toSarifLog([fileResult([message({ line: 0, column: 0, endLine: 0, endColumn: 0, offset: -1, length: -1 })])], CONTEXT);
  assertUploadable(log);
  assert.deepEqual(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region, {
    startLine: 1,
    startColumn: 1,
    endLine: 1,
    endColumn: 1,
    charOffset: 0,
    charLength: 0,
  });
});

test('findings without a fingerprint (results made outside the Linter) still get stable ones; reserved ids are described without a context', () => {
  const log = toSarifLog(
    [
      fileResult([message({ ruleId: 'duplicate-key' }), message({ ruleId: 'duplicate-key' }), message({ ruleId: 'plugin-kind-problem' })], {
        filePath: 'r.yaml',
      }),
    ],
    { ...CONTEXT, rules: new Map() },
  );
  assertUploadable(log);
  const prints = log.runs[0]!.results.map((r) => r.partialFingerprints.primaryLocationLineHash);
  assert.equal(new Set(prints).size, 3);
  assert.match(prints[1]!, /:2$/);
  const [duplicate, unknown] = log.runs[0]!.tool.driver.rules;
  assert.equal(duplicate!.helpUri, RESERVED_IDS.find((entry) => entry.id === 'duplicate-key')!.docsUrl);
  assert.equal(unknown!.shortDescription.text, 'Reported by otalint as "plugin-kind-problem".');
  assert.equal(unknown!.helpUri, undefined);
  assert.equal(unknown!.help.text, 'Reported by otalint as "plugin-kind-problem".');
});

test(`more than ${GITHUB_LIMITS.resultsPerRun} results: the most severe are kept, and the log says how many were left out`, () => {
  const severities = ['info', 'warning', 'error'] as const;
  const many = Array.from({ length: GITHUB_LIMITS.resultsPerRun + 10 }, (_, i) => message({ severity: severities[i % 3]!, fingerprint: `f:${i}` }));
  const log = toSarifLog([fileResult(many)], CONTEXT);
  assertUploadable(log);
  const results = log.runs[0]!.results;
  assert.equal(results.length, GITHUB_LIMITS.resultsPerRun);
  assert.equal(results.filter((r) => r.level === 'error').length, many.filter((m) => m.severity === 'error').length, 'every error kept');
  assert.equal(results.filter((r) => r.level === 'note').length, many.filter((m) => m.severity === 'info').length - 10, 'the infos make room');
  assert.equal(
    log.runs[0]!.invocations[0]!.toolExecutionNotifications![0]!.message.text,
    `10 of ${GITHUB_LIMITS.resultsPerRun + 10} results were left out: GitHub code scanning rejects a run with more than 25000 results. The errors are kept first; the JSON report (--format json) has every finding.`,
  );
});

test('fixes become SARIF fixes; info is a note; a long description is cut to what code scanning takes', () => {
  const long = 'Y'.repeat(2000);
  const log = toSarifLog([fileResult([message({ severity: 'info', fix: { edits: [{ offset: 16, length: 5, text: '"ABC"' }] }, fingerprint: 'f:1' })])], {
    ...CONTEXT,
    rules: new Map([['x', { description: long, docsUrl: 'https://example.test/x', defaultSeverity: 'warning' }]]),
  });
  assertUploadable(log);
  const [result] = log.runs[0]!.results;
  assert.equal(result!.level, 'note');
  const [rule] = log.runs[0]!.tool.driver.rules;
  assert.equal(rule!.defaultConfiguration.level, 'warning');
  assert.equal(rule!.shortDescription.text.length, 1024);
  assert.ok(rule!.help.text.startsWith(long), 'the help keeps the whole text');
  assert.deepEqual(result!.fixes![0]!.artifactChanges[0]!.replacements[0], {
    deletedRegion: { charOffset: 16, charLength: 5 },
    insertedContent: { text: '"ABC"' },
  });
});

test.run();
