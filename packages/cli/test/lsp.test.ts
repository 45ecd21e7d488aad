import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { suite } from 'uvu';
import {
  CodeActionRequest,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SourceKinds } from '@otalint/core/engine';
import { REPO_ROOT, runCli, tempProject } from './helpers/run-cli.js';
import { UNBUNDLED_BIN } from './support/run-bin.js';
import { LspClient } from './support/lsp-client.js';

const test = suite('otalint lsp --stdio (driven by a protocol client)');
test.after(() => LspClient.stopAll());

const ROLE = 'arn:aws:iam::123456789012:role/ota-update-role';
const TARGET = 'arn:aws:iot:us-east-1:123456789012:thinggroup/sensors';
const FILES = '[{ "fileName": "firmware.bin", "fileLocation": { "stream": { "streamId": "fw", "fileId": 0 } }, "codeSigning": { "awsSignerJobId": "job-1" } }]';

/** A request with a fixable finding (`mqtt`), one with a suggestion (`snapshot`), one with neither, and text outside the BMP before them. */
const BAD = `{
  "description": "🚀 固件 😀",
  "otaUpdateId": "fw 1.2",
  "targets": ["${TARGET}"],
  "protocols": ["mqtt"],
  "targetSelection": "snapshot",
  "files": ${FILES},
  "roleArn": "${ROLE}"
}
`;

interface ReportMessage {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What `otalint --stdin` reports for the text, as the JSON report says (the CLI's own engine run). */
function cliMessages(cwd: string, file: string, text: string): ReportMessage[] {
  const run = runCli(['--stdin', '--stdin-filename', file, '--format', 'json'], { cwd, input: text });
  return (JSON.parse(run.stdout) as { results: Array<{ messages: ReportMessage[] }> }).results.flatMap((result) => result.messages);
}

/** A diagnostic in the report's terms (1-based, exclusive end), to compare with the CLI. */
function asReported(diagnostic: Diagnostic): ReportMessage {
  const severity = { 1: 'error', 2: 'warning', 3: 'info' }[diagnostic.severity as 1 | 2 | 3];
  return {
    ruleId: String(diagnostic.code),
    severity,
    message: diagnostic.message,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
  };
}

function pick(message: ReportMessage): ReportMessage {
  const { ruleId, severity, message: text, line, column, endLine, endColumn } = message;
  return { ruleId, severity, message: text, line, column, endLine, endColumn };
}

/** The edits of a workspace edit for one document, applied to its text. */
function applied(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit, 'the action has an edit');
  const edits: TextEdit[] = [
    ...(edit.changes?.[uri] ?? []),
    ...(edit.documentChanges ?? []).flatMap((change) =>
      'textDocument' in change && change.textDocument.uri === uri ? (change as TextDocumentEdit).edits : [],
    ),
  ] as TextEdit[];
  assert.ok(edits.length > 0, `the edit changes ${uri}`);
  return TextDocument.applyEdits(TextDocument.create(uri, 'json', 0, text), edits);
}

async function actionsFor(client: LspClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range,
    context: { diagnostics, ...(only ? { only } : {}) },
  });
  return (result ?? []) as CodeAction[];
}

test('initialize: LSP 3.17 capabilities in UTF-16, and a clean shutdown exits 0', async () => {
  const client = await LspClient.start(tempProject({}));
  const { capabilities, serverInfo } = client.initialized;
  assert.equal(serverInfo?.name, 'otalint');
  assert.equal(capabilities.positionEncoding, 'utf-16');
  assert.ok(capabilities.hoverProvider);
  assert.ok(capabilities.completionProvider);
  assert.deepEqual((capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.otalint']);
  assert.equal(await client.shutdown(), 0);
});

test('diagnostics on open equal what `otalint --stdin` reports, with source, code, docs link, severity and UTF-16 ranges', async () => {
  const root = tempProject({});
  const client = await LspClient.start(root);
  const uri = await client.open('update.json', BAD);
  const { diagnostics, version } = await client.diagnostics(uri);
  assert.equal(version, 1);
  assert.deepEqual(diagnostics.map(asReported), cliMessages(root, 'update.json', BAD).map(pick));
  assert.ok(diagnostics.length >= 3, 'the request has findings');
  for (const diagnostic of diagnostics) {
    assert.equal(diagnostic.source, 'otalint');
    assert.equal(diagnostic.codeDescription?.href, `https://github.com/otalint/otalint/blob/main/packages/rules/docs/${String(diagnostic.code)}.md`);
  }
  // The emoji count 2 UTF-16 units each: "otaUpdateId" on line 3 starts at character 17 whatever line 2 holds.
  const id = diagnostics.find((d) => d.range.start.line === 2)!;
  assert.deepEqual(id.range, { start: { line: 2, character: 17 }, end: { line: 2, character: 25 } });
  await client.shutdown();
});

test('every source kind: the diagnostics of each code and command-line fixture (TS, JS, Python, shell, workflows, Markdown) and of bad request files equal the CLI report', async () => {
  const kinds = new SourceKinds();
  const files: Record<string, string> = {};
  for (const folder of ['fixtures/code', 'fixtures/command-line']) {
    for (const entry of readdirSync(path.join(REPO_ROOT, folder), { recursive: true, withFileTypes: true })) {
      const name = path.relative(path.join(REPO_ROOT, folder), path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (!entry.isFile() || name.endsWith('.json')) continue;
      const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
      if (kinds.claimant(name, text)) files[name] = text;
    }
  }
  for (const rule of ['protocols-combination', 'rollout-constant-and-exponential']) {
    for (const name of readdirSync(path.join(REPO_ROOT, 'fixtures/bad', rule))) {
      if (!name.endsWith('.expected.json')) files[`${rule}-${name}`] = readFileSync(path.join(REPO_ROOT, 'fixtures/bad', rule, name), 'utf8');
    }
  }
  const seen = new Set(Object.entries(files).map(([name, text]) => kinds.kindFor(name, text).id));
  for (const kind of ['javascript', 'json', 'python', 'yaml', 'shell', 'markdown'])
    assert.ok(seen.has(kind), `a ${kind} file is among them: ${[...seen].join(', ')}`);
  const root = tempProject(files);
  const client = await LspClient.start(root);
  let findings = 0;
  for (const [name, text] of Object.entries(files)) {
    const uri = await client.open(name, text);
    const { diagnostics } = await client.diagnostics(uri);
    assert.deepEqual(diagnostics.map(asReported), cliMessages(root, name, text).map(pick), name);
    findings += diagnostics.length;
  }
  assert.ok(findings > Object.keys(files).length, `the fixtures have findings (${findings})`);
  await client.shutdown();
});

test('changes are linted after typing pauses (debounced: only the last of a burst), and closing clears the diagnostics', async () => {
  const client = await LspClient.start(tempProject({}), { debounceMs: 300 });
  const uri = await client.open('update.json', BAD);
  await client.diagnostics(uri);
  const since = client.published.length;
  let last = 1;
  for (let i = 0; i < 5; i++) last = await client.change(uri, BAD.replace('fw 1.2', `fw-1_2_${i}`));
  const after = await client.diagnostics(uri, () => true, since);
  assert.equal(after.version, last, 'the first publication after the burst is of its last version');
  assert.ok(!after.diagnostics.some((d) => d.range.start.line === 2), 'the fixed id is no longer reported');
  assert.equal(client.published.slice(since).length, 1, 'one publication for five changes');
  const closing = client.published.length;
  await client.close(uri);
  assert.deepEqual((await client.diagnostics(uri, () => true, closing)).diagnostics, []);
  await client.shutdown();
});

test('a change typed while the just-opened file is still being linted is linted too', async () => {
  const client = await LspClient.start(tempProject({}), { debounceMs: 0 });
  const uri = await client.open('update.json', BAD);
  const version = await client.change(uri, BAD.replace('fw 1.2', 'fw-1_2'));
  const after = await client.diagnostics(uri, (p) => p.version === version);
  assert.ok(!after.diagnostics.some((d) => d.range.start.line === 2), 'the id fixed in the change is not reported');
  await client.shutdown();
});

test('code actions: the fix, the suggestion, fix all; applying the fix clears its diagnostic', async () => {
  const client = await LspClient.start(tempProject({}));
  const uri = await client.open('update.json', BAD);
  const { diagnostics } = await client.diagnostics(uri);
  const protocol = diagnostics.find((d) => d.code === 'protocols-combination')!;
  const actions = await actionsFor(client, uri, [protocol]);
  const fix = actions.find((action) => action.isPreferred)!;
  assert.equal(fix.title, 'Fix this protocols-combination problem');
  assert.equal(fix.kind, 'quickfix');
  const fixed = applied(BAD, uri, fix.edit);
  assert.ok(fixed.includes('"protocols": ["MQTT"]'));
  assert.ok(actions.some((action) => action.title === 'Fix all otalint problems in this file'));

  const since = client.published.length;
  const version = await client.change(uri, fixed);
  const after = await client.diagnostics(uri, (p) => p.version === version, since);
  assert.ok(!after.diagnostics.some((d) => d.code === 'protocols-combination'), 'the fixed finding is gone');

  const selection = after.diagnostics.find((d) => d.message.includes('snapshot'))!;
  const suggestion = (await actionsFor(client, uri, [selection])).find((action) => action.title.includes('SNAPSHOT'));
  assert.ok(suggestion, 'the suggestion is an action of its own');
  assert.ok(applied(fixed, uri, suggestion.edit).includes('"targetSelection": "SNAPSHOT"'));

  // Stale diagnostics (of an older version) get no actions: the client must ask again.
  assert.deepEqual(
    (await actionsFor(client, uri, [protocol])).filter((action) => action.diagnostics),
    [],
  );
  await client.shutdown();
});

test('source.fixAll.otalint applies every certain fix, as --fix does', async () => {
  const root = tempProject({ 'update.json': BAD });
  const client = await LspClient.start(root);
  const uri = await client.open('update.json', BAD);
  await client.diagnostics(uri);
  const [fixAll, ...rest] = await actionsFor(client, uri, [], ['source.fixAll']);
  assert.equal(rest.length, 0);
  assert.equal(fixAll!.kind, 'source.fixAll.otalint');
  runCli(['--fix', 'update.json'], { cwd: root });
  assert.equal(applied(BAD, uri, fixAll!.edit), readFileSync(path.join(root, 'update.json'), 'utf8'));
  await client.shutdown();
});

test('disable for this pointer: a suppression with a reason placeholder in a new .otalintrc.json, then the finding is waived', async () => {
  const root = tempProject({});
  const client = await LspClient.start(root);
  const uri = await client.open('requests/update.json', BAD);
  const { diagnostics } = await client.diagnostics(uri);
  const id = diagnostics.find((d) => d.range.start.line === 2)!;
  const disable = (await actionsFor(client, uri, [id])).find((action) => action.title.startsWith('Disable'))!;
  assert.equal(disable.title, 'Disable aws-api-model for /otaUpdateId (suppression in .otalintrc.json)');
  const configUri = client.uri('.otalintrc.json');
  assert.deepEqual(disable.edit?.documentChanges?.[0], { kind: 'create', uri: configUri, options: { ignoreIfExists: true } });
  const config = applied('', configUri, disable.edit);
  assert.deepEqual(JSON.parse(config), [
    { extends: ['recommended'] },
    { suppressions: [{ files: ['requests/update.json'], path: '/otaUpdateId', rule: 'aws-api-model', reason: 'TODO: say why this finding is acceptable' }] },
  ]);
  writeFileSync(path.join(root, '.otalintrc.json'), config);
  const since = client.published.length;
  await client.changedFiles(['.otalintrc.json']);
  const after = await client.diagnostics(uri, () => true, since);
  assert.ok(!after.diagnostics.some((d) => d.range.start.line === 2), 'the suppressed finding is not shown');
  assert.equal(after.diagnostics.length, diagnostics.length - 1);
  await client.shutdown();
});

test('disable for this pointer: into an existing JSON config and an otalint.config.mjs array, both still valid config', async () => {
  for (const [name, text] of [
    ['.otalintrc.json', '[\n  { "extends": ["recommended"] }\n]\n'],
    ['otalint.config.mjs', "export default [\n  { extends: ['recommended'] },\n];\n"],
    ['otalint.config.mjs', "export default [{ extends: ['strict'] }]\n"],
  ] as const) {
    const root = tempProject({ [name]: text });
    const client = await LspClient.start(root);
    const uri = await client.open('update.json', BAD);
    const { diagnostics } = await client.diagnostics(uri);
    const id = diagnostics.find((d) => d.range.start.line === 2)!;
    const disable = (await actionsFor(client, uri, [id])).find((action) => action.title.startsWith('Disable'))!;
    assert.ok(disable.title.endsWith(`(suppression in ${name})`), disable.title);
    const edited = applied(text, client.uri(name), disable.edit);
    writeFileSync(path.join(root, name), edited);
    const since = client.published.length;
    await client.changedFiles([name]);
    const after = await client.diagnostics(uri, () => true, since);
    assert.equal(after.diagnostics.filter((d) => d.code === 'invalid-config').length, 0, `${name} stays valid:\n${edited}`);
    assert.ok(!after.diagnostics.some((d) => d.range.start.line === 2), `the finding is waived by\n${edited}`);
    await client.shutdown();
  }
});

test('hover: the AWS model documentation of a member (type, limits) and the explanation of a finding', async () => {
  const client = await LspClient.start(tempProject({}));
  const uri = await client.open('update.json', BAD);
  await client.diagnostics(uri);
  const onKey = await client.hoverAt(uri, BAD, '"roleArn"');
  assert.match(onKey!, /\*\*`roleArn`\*\* · string · required/);
  assert.match(onKey!, /The IAM role that grants/);
  assert.match(onKey!, /Limits: 20 to 2048 characters/);
  assert.match(onKey!, /shape `RoleArn` \(botocore \d/);
  const whole = await client.hoverAt(uri, BAD, '"targetSelection"');
  assert.match(whole!, /an update will run on a thing when the thing is added to a target group/, "the model's whole text, not its first sentence");
  assert.match(whole!, /Limits: one of `CONTINUOUS`, `SNAPSHOT`/);
  assert.doesNotMatch(whole!, /<\/?[a-z]+>/, 'Markdown, not HTML');
  const nested = await client.hoverAt(uri, BAD, '"fileId"');
  assert.match(nested!, /\*\*`files\[0\]\.fileLocation\.stream\.fileId`\*\* · integer/);
  assert.match(nested!, /Limits: 0 to 255/);
  const onFinding = await client.hoverAt(uri, BAD, '"mqtt"');
  assert.match(onFinding!, /\*\*otalint `protocols-combination`\*\*/);
  assert.match(onFinding!, /\[Documentation\]\(https:\/\/github.com\/otalint\/otalint\/blob\/main\/packages\/rules\/docs\/protocols-combination\.md\)/);
  assert.match(onFinding!, /`protocols\[0\]`\*\* · string/, 'and the member under it');
  assert.match(onFinding!, /one of `MQTT`, `HTTP`/);
  assert.equal(await client.hoverAt(uri, BAD, '{', 0), undefined, 'nothing to say on the request itself');
  await client.shutdown();
});

test('hover in code: a member of a request object declared away from the call that sends it', async () => {
  const text = readFileSync(path.join(REPO_ROOT, 'fixtures/code/lambda-handler.ts'), 'utf8');
  const client = await LspClient.start(tempProject({ 'lambda-handler.ts': text }));
  const uri = await client.open('lambda-handler.ts', text, 'typescript');
  await client.diagnostics(uri);
  assert.match((await client.hoverAt(uri, text, 'roleArn: OTA'))!, /\*\*`roleArn`\*\* · string · required/);
  assert.match((await client.hoverAt(uri, text, 'expiresInSec'))!, /\*\*`awsJobPresignedUrlConfig\.expiresInSec`\*\* · integer/);
  await client.shutdown();
});

test('completion in JSON: member names not written yet (required first), enum values', async () => {
  const client = await LspClient.start(tempProject({}));
  const text = '{\n  "otaUpdateId": "x",\n  ""\n}\n';
  const uri = await client.open('new.json', text);
  await client.diagnostics(uri);
  const members = await client.completionsAt(uri, text, text.indexOf('""') + 1);
  const labels = members.map((item) => item.label);
  assert.ok(!labels.includes('otaUpdateId'), 'a member already written is not offered');
  for (const name of ['targets', 'files', 'roleArn', 'protocols', 'targetSelection']) assert.ok(labels.includes(name), name);
  const sorted = [...members].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((item) => item.label);
  assert.deepEqual(sorted.slice(0, 3).sort(), ['files', 'roleArn', 'targets']);
  const roleArn = members.find((item) => item.label === 'roleArn')!;
  assert.deepEqual(roleArn.textEdit, { range: { start: { line: 2, character: 2 }, end: { line: 2, character: 4 } }, newText: '"roleArn": ' });

  const values = '{ "protocols": [""], "targetSelection": "", "awsJobAbortConfig": { "abortCriteriaList": [{ "failureType": "" }] } }';
  const valuesUri = await client.open('values.json', values);
  await client.diagnostics(valuesUri);
  const at = (needle: string) => values.indexOf(needle) + needle.length - 1;
  assert.deepEqual(
    (await client.completionsAt(valuesUri, values, at('[""'))).map((item) => item.label),
    ['MQTT', 'HTTP'],
  );
  assert.deepEqual(
    (await client.completionsAt(valuesUri, values, at('"targetSelection": ""'))).map((item) => item.label),
    ['CONTINUOUS', 'SNAPSHOT'],
  );
  assert.deepEqual(
    (await client.completionsAt(valuesUri, values, at('"failureType": ""'))).map((item) => item.label),
    ['FAILED', 'REJECTED', 'TIMED_OUT', 'ALL'],
  );
  const nested = '{ "files": [{ "fileLocation": { "s3Location": { "" } } }] }';
  const nestedUri = await client.open('nested.json', nested);
  await client.diagnostics(nestedUri);
  assert.deepEqual(
    (await client.completionsAt(nestedUri, nested, nested.indexOf('{ "" }') + 3)).map((item) => item.label),
    ['bucket', 'key', 'version'],
  );
  await client.shutdown();
});

test('completion in YAML: keys by indentation (in list items too), enum values', async () => {
  const client = await LspClient.start(tempProject({}));
  const text = [
    'otaUpdateId: fw-1',
    'targetSelection: SN',
    'protocols:',
    '  - MQ',
    'files:',
    '  - fileName: a.bin',
    '    fileLocation:',
    '      stream:',
    '        streamId: s',
    '        f',
    '    co',
    'awsJobAbortConfig:',
    '  abortCriteriaList:',
    '    - failureType: ',
    '',
  ].join('\n');
  const uri = await client.open('update.yaml', text);
  await client.diagnostics(uri);
  const endOf = (line: string) => text.indexOf(`${line}\n`) + line.length;
  const labels = async (line: string) => (await client.completionsAt(uri, text, endOf(line))).map((item) => item.label);
  assert.deepEqual(await labels('targetSelection: SN'), ['CONTINUOUS', 'SNAPSHOT']);
  assert.deepEqual(await labels('  - MQ'), ['MQTT', 'HTTP']);
  assert.deepEqual(await labels('        f'), ['fileId']);
  assert.deepEqual((await labels('    co')).sort(), ['attributes', 'codeSigning', 'fileType', 'fileVersion'], 'fileName and fileLocation are written');
  assert.deepEqual(await labels('    - failureType: '), ['FAILED', 'REJECTED', 'TIMED_OUT', 'ALL']);
  const snap = (await client.completionsAt(uri, text, endOf('targetSelection: SN'))).find((item) => item.label === 'SNAPSHOT')!;
  assert.deepEqual(snap.textEdit, { range: { start: { line: 1, character: 17 }, end: { line: 1, character: 19 } }, newText: 'SNAPSHOT' });
  await client.shutdown();
});

test('config and .otalintignore changes re-lint open files; a broken config is a diagnostic, and fixing it recovers', async () => {
  const root = tempProject({});
  const client = await LspClient.start(root);
  const uri = await client.open('update.json', BAD);
  const first = await client.diagnostics(uri);
  assert.ok(
    client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'),
    'the server watches config and ignore files',
  );
  assert.ok(first.diagnostics.some((d) => d.code === 'protocols-combination'));

  let since = client.published.length;
  writeFileSync(path.join(root, 'otalint.config.mjs'), "export default [{ extends: ['recommended'], rules: { 'protocols-combination': 'off' } }];\n");
  await client.changedFiles(['otalint.config.mjs']);
  let after = await client.diagnostics(uri, () => true, since);
  assert.ok(!after.diagnostics.some((d) => d.code === 'protocols-combination'), 'the rule turned off in config is gone');

  since = client.published.length;
  writeFileSync(path.join(root, 'otalint.config.mjs'), "export default [{ rules: { 'no-such-rule': 'error' } }];\n");
  await client.changedFiles(['otalint.config.mjs']);
  after = await client.diagnostics(uri, () => true, since);
  assert.equal(after.diagnostics.length, 1);
  assert.equal(after.diagnostics[0]!.code, 'invalid-config');
  assert.match(after.diagnostics[0]!.message, /no-such-rule/);

  since = client.published.length;
  writeFileSync(path.join(root, 'otalint.config.mjs'), "export default [{ extends: ['recommended'] }];\n");
  await client.changedFiles(['otalint.config.mjs']);
  after = await client.diagnostics(uri, () => true, since);
  assert.deepEqual(
    after.diagnostics.map((d) => d.code),
    first.diagnostics.map((d) => d.code),
    'back to what the default config finds',
  );

  since = client.published.length;
  writeFileSync(path.join(root, '.otalintignore'), 'update.json\n');
  await client.changedFiles(['.otalintignore']);
  after = await client.diagnostics(uri, () => true, since);
  assert.deepEqual(after.diagnostics, [], 'an ignored file shows nothing');
  await client.shutdown();
});

test('a config edited without a file watcher still applies on the next change (the config is checked on every lint)', async () => {
  const root = tempProject({});
  const client = await LspClient.start(root, { capabilities: {} });
  assert.equal(client.registrations.length, 0);
  const uri = await client.open('update.json', BAD);
  await client.diagnostics(uri);
  writeFileSync(path.join(root, '.otalintrc.json'), '[{ "extends": ["recommended"], "rules": { "aws-api-model": "off" } }]');
  const since = client.published.length;
  await client.change(uri, `${BAD}\n`);
  const after = await client.diagnostics(uri, () => true, since);
  assert.ok(!after.diagnostics.some((d) => d.code === 'aws-api-model'));
  await client.shutdown();
});

test('files otalint does not read here get nothing: package.json, a README, an ignored name', async () => {
  const root = tempProject({ 'otalint.config.mjs': "export default [{ extends: ['recommended'] }, { ignores: ['drafts/**'] }];\n" });
  const client = await LspClient.start(root);
  for (const [file, text] of [
    ['package.json', '{ "name": "x", "version": "1.0.0" }'],
    ['notes.txt', 'hello'],
    ['drafts/update.json', BAD],
  ] as const) {
    const uri = await client.open(file, text);
    assert.deepEqual((await client.diagnostics(uri)).diagnostics, [], file);
  }
  await client.shutdown();
});

test('a rule that crashes is a diagnostic; the server keeps serving', async () => {
  const root = tempProject({
    'crash.mjs': [
      "export default { meta: { name: 'crash', version: '1.0.0' }, rules: { boom: {",
      "  meta: { id: 'boom', description: 'Crashes.', defaultSeverity: 'error', category: 'test', certainty: 'documented', unknownValues: 'checked' },",
      "  docsUrl: 'https://example.invalid/boom',",
      "  check() { throw new Error('kaboom'); },",
      '} } };',
    ].join('\n'),
    'otalint.config.mjs':
      "import crash from './crash.mjs';\nexport default [{ extends: ['recommended'], plugins: { crash }, rules: { 'crash/boom': 'error' } }];\n",
  });
  const client = await LspClient.start(root);
  const uri = await client.open('update.json', BAD);
  const { diagnostics } = await client.diagnostics(uri);
  const internal = diagnostics.find((d) => d.code === 'internal-error');
  assert.ok(internal, JSON.stringify(diagnostics.map((d) => [d.code, d.message])));
  assert.match(internal.message, /kaboom/);
  assert.match((await client.hoverAt(uri, BAD, '"roleArn"'))!, /roleArn/, 'still answering');
  assert.equal(await client.shutdown(), 0);
});

test('`otalint` lint runs never load the server or vscode-languageserver (start-up stays lazy)', () => {
  const root = tempProject({ 'update.json': BAD });
  const trace = path.join(root, 'modules.txt');
  const hook = path.join(path.dirname(new URL(import.meta.url).pathname), 'support/trace-imports.mjs');
  // Unbundled: the bundle inlines the lsp command's own modules (loaded lazily), where no trace sees them.
  const run = spawnSync(process.execPath, ['--import', hook, UNBUNDLED_BIN, 'update.json'], {
    cwd: root,
    env: { ...process.env, OTALINT_TRACE_IMPORTS: trace },
    encoding: 'utf8',
  });
  assert.equal(run.status, 1, run.stderr);
  const modules = readFileSync(trace, 'utf8').trim().split('\n');
  assert.ok(
    modules.some((url) => url.includes('/packages/cli/dist/commands/lint.js')),
    'the trace saw the lint command',
  );
  assert.deepEqual(
    modules.filter((url) => url.includes('/vscode-languageserver') || url.includes('/vscode-jsonrpc/') || url.includes('/cli/dist/lsp/')),
    [],
  );
});

test('`otalint lsp` without --stdio is a usage error (exit 2) that names the flag', () => {
  const run = runCli(['lsp']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /otalint lsp --stdio/);
});

test.run();
