import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { CancellationTokenSource, CodeActionRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node.js';
import { runCli, tempProject } from './helpers/run-cli.js';
import { LspClient } from './support/lsp-client.js';

const test = suite('otalint lsp: rules run in a lint thread (a slow or broken rule never holds up the editor)');
test.after(() => LspClient.stopAll());

/**
 * A plugin whose rules misbehave on the request id that names them: `slow-*` keeps its rule busy
 * until the test writes `release` (so the test knows the rule is running, and when it may stop,
 * with no clock), `loop` never returns, `exit` ends the thread, `escape` throws outside the rule.
 * The busy rule says which request it saw (files `started-<id>` and `finished-<id>`, and a
 * finding `linted <id>`). Files
 * `*.stuck` are read by a parser that never returns, where no rule budget reaches.
 */
const PLUGIN = `import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
const rule = (id, check) => ({
  meta: { id, description: id + '.', defaultSeverity: 'error', category: 'test', certainty: 'documented', unknownValues: 'checked', messages: { seen: 'linted {{id}}' } },
  docsUrl: 'https://example.invalid/' + id,
  defaultOptions: {},
  check,
});
const idOf = (context) => String(context.request.otaUpdateId);
const stuck = { id: 'stuck', description: 'never read', patterns: ['**/*.stuck'], claims: (file) => file.endsWith('.stuck'), read() { for (;;); } };
export default {
  meta: { name: 'slow', version: '1.0.0' },
  sources: [stuck],
  rules: {
    wait: rule('wait', (context) => {
      const id = idOf(context);
      // Written whole, then named: the test reads it as soon as the name exists.
      writeFileSync('started-' + id + '.part', JSON.stringify({ isMainThread, stack: new Error().stack }));
      renameSync('started-' + id + '.part', 'started-' + id);
      const end = Date.now() + 30000;
      // Busy: a look for the file every 20 ms, spinning between.
      for (let look = Date.now(); id.startsWith('slow') && Date.now() < end; ) {
        if (Date.now() - look < 20) continue;
        if (existsSync('release')) break;
        look = Date.now();
      }
      writeFileSync('finished-' + id, '');
      context.report({ path: ['otaUpdateId'], messageId: 'seen', data: { id } });
    }),
    loops: rule('loops', (context) => { if (idOf(context) === 'loop') for (;;); }),
    exits: rule('exits', (context) => { if (idOf(context) === 'exit') process.exit(3); }),
    escapes: rule('escapes', (context) => {
      if (idOf(context) !== 'escape') return;
      console.log('printed by a rule');
      setTimeout(() => { throw new Error('escaped the rule'); }, 100);
    }),
  },
};
`;

const CONFIG = `import slow from './slow.mjs';
export default [{ plugins: { slow }, rules: { 'slow/wait': 'error', 'slow/loops': 'error', 'slow/exits': 'error', 'slow/escapes': 'error' } }];
`;

const request = (id: string) => `{\n  "otaUpdateId": "${id}",\n  "targetSelection": "SNAPSHOT"\n}\n`;

function project(): string {
  return tempProject({ 'slow.mjs': PLUGIN, 'otalint.config.mjs': CONFIG });
}

async function until(condition: () => boolean, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} never came`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Wait until a file the plugin writes is there: the rule is running. */
const untilExists = (file: string) => until(() => existsSync(file), file);

const messagesOf = (params: { diagnostics: Array<{ code?: unknown; message: string }> }) => params.diagnostics.map((d) => `${String(d.code)}: ${d.message}`);

test('hover and completion are answered while a rule is busy; its diagnostics come when it is done', async () => {
  const root = project();
  const client = await LspClient.start(root, { env: { OTALINT_RULE_TIMEOUT_MS: '60000' } });
  const text = request('slow-1');
  const uri = await client.open('update.json', text);
  await untilExists(path.join(root, 'started-slow-1'));
  const where = JSON.parse(readFileSync(path.join(root, 'started-slow-1'), 'utf8')) as { isMainThread: boolean; stack: string };
  assert.equal(where.isMainThread, false, 'the rule runs in a worker thread');
  assert.match(where.stack, /packages\/cli\/dist\/otalint\.cjs/, 'started from the bundle the bin runs');
  const hover = await client.hoverAt(uri, text, '"otaUpdateId"');
  assert.match(hover!, /\*\*`otaUpdateId`\*\* · string · required/);
  const values = await client.completionsAt(uri, text, text.indexOf('SNAPSHOT') + 1);
  assert.deepEqual(values.map((item) => item.label).sort(), ['CONTINUOUS', 'SNAPSHOT']);
  assert.ok(!existsSync(path.join(root, 'finished-slow-1')), 'answered while the rule was still running');
  assert.deepEqual(
    client.published.filter((params) => params.uri === uri),
    [],
    'and before its diagnostics',
  );
  writeFileSync(path.join(root, 'release'), '');
  assert.deepEqual(messagesOf(await client.diagnostics(uri)), ['slow/wait: linted slow-1']);
  assert.equal(await client.shutdown(), 0);
});

test('a newer version supersedes an older one: a stale lint is never published, a version still waiting is never linted', async () => {
  const root = project();
  const client = await LspClient.start(root, { env: { OTALINT_RULE_TIMEOUT_MS: '60000' }, debounceMs: 0 });
  const uri = await client.open('update.json', request('slow-1'));
  await untilExists(path.join(root, 'started-slow-1'));
  await client.change(uri, request('slow-2'));
  // Past the debounce: version 2 waits for the lint thread behind version 1.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await client.change(uri, request('fast-3'));
  writeFileSync(path.join(root, 'release'), '');
  const published = await client.diagnostics(uri);
  assert.equal(published.version, 3);
  assert.deepEqual(messagesOf(published), ['slow/wait: linted fast-3']);
  assert.deepEqual(
    client.published.filter((params) => params.uri === uri).map((params) => params.version),
    [3],
    'nothing published for versions 1 and 2',
  );
  assert.ok(!existsSync(path.join(root, 'started-slow-2')), 'version 2 gave its turn to version 3');
  assert.equal(await client.shutdown(), 0);
});

test('$/cancelRequest: a code action waiting for a busy lint answers RequestCancelled at once', async () => {
  const root = project();
  const client = await LspClient.start(root, { env: { OTALINT_RULE_TIMEOUT_MS: '60000' } });
  const uri = await client.open('update.json', request('slow-1'));
  await untilExists(path.join(root, 'started-slow-1'));
  const source = new CancellationTokenSource();
  const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } };
  const asked = client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } }, source.token);
  source.cancel();
  const error = await asked.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  assert.ok(error instanceof ResponseError, `cancelled, not answered: ${String(error)}`);
  assert.equal(error.code, LSPErrorCodes.RequestCancelled);
  assert.ok(!existsSync(path.join(root, 'finished-slow-1')), 'answered while the rule was still running');
  writeFileSync(path.join(root, 'release'), '');
  await client.diagnostics(uri);
  assert.equal(await client.shutdown(), 0);
});

test('a plugin rule that never returns is stopped at the rule time budget: the internal error the CLI gives', async () => {
  const root = project();
  const env = { OTALINT_RULE_TIMEOUT_MS: '300' };
  const client = await LspClient.start(root, { env });
  const uri = await client.open('update.json', request('loop'));
  const cli = runCli(['--stdin', '--stdin-filename', 'update.json', '-f', 'json'], { cwd: root, env, input: request('loop') });
  const cliMessages = (JSON.parse(cli.stdout) as { results: Array<{ messages: Array<{ ruleId: string; message: string }> }> }).results[0]!.messages;
  const loops = cliMessages.find((message) => message.ruleId === 'internal-error');
  assert.match(loops!.message, /^Rule "slow\/loops" did not finish on this file within 300 ms/);
  const diagnostics = (await client.diagnostics(uri)).diagnostics;
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.message]),
    cliMessages.map((message) => [message.ruleId, message.message]),
  );
  assert.equal(await client.shutdown(), 0);
});

test('a lint thread stuck where the rule budget cannot reach (a parser that never returns) is replaced; the server still serves', async () => {
  const root = project();
  // Stuck after twice the budget and 2 s more: 2.5 s.
  const client = await LspClient.start(root, { env: { OTALINT_RULE_TIMEOUT_MS: '250' } });
  const stuck = await client.open('deploy.stuck', 'anything');
  const text = request('fast-1');
  const uri = await client.open('update.json', text);
  assert.match((await client.hoverAt(uri, text, '"otaUpdateId"'))!, /`otaUpdateId`/, 'hover while the thread is stuck');
  assert.deepEqual(client.published, [], 'the stuck thread has not answered');
  const stopped = await client.diagnostics(stuck);
  assert.deepEqual(
    stopped.diagnostics.map((d) => d.code),
    ['internal-error'],
  );
  assert.match(stopped.diagnostics[0]!.message, /^otalint's lint of this file did not finish within 2\.5 s and was stopped: a rule or plugin never returned/);
  assert.deepEqual(messagesOf(await client.diagnostics(uri)), ['slow/wait: linted fast-1'], 'linted by the thread that replaced it');
  assert.equal(await client.shutdown(), 0);
});

test('a rule that ends the lint thread (process.exit) or lets an error escape: the file says so, the next lint gets a new thread', async () => {
  const root = project();
  const client = await LspClient.start(root);
  const exits = await client.open('exit.json', request('exit'));
  const { diagnostics } = await client.diagnostics(exits);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['internal-error'],
  );
  assert.match(diagnostics[0]!.message, /^otalint's lint thread stopped while linting this file: a rule or plugin ended otalint's lint thread \(exit code 3\)/);
  const after = await client.open('after-exit.json', request('fast-1'));
  assert.deepEqual(messagesOf(await client.diagnostics(after)), ['slow/wait: linted fast-1']);

  const escapes = await client.open('escape.json', request('escape'));
  assert.deepEqual(messagesOf(await client.diagnostics(escapes)), ['slow/wait: linted escape'], 'the error escapes after the lint');
  await until(() => client.logs.some((line) => line.includes("otalint's lint thread stopped: an error escaped a rule or plugin (escaped the rule)")));
  const next = await client.open('after-escape.json', request('fast-2'));
  assert.deepEqual(messagesOf(await client.diagnostics(next)), ['slow/wait: linted fast-2']);
  assert.ok(client.logs.includes('printed by a rule'), `a rule's output goes to the log, not into the protocol: ${client.logs.join(' | ')}`);
  assert.equal(await client.shutdown(), 0);
});

test.run();
