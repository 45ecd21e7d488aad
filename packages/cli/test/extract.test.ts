import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { runMain } from './helpers/run-main.js';
import { REPO_ROOT, tempProject } from './helpers/run-cli.js';

const test = suite('otalint extract: the requests every source kind finds');

/**
 * A plugin source kind, to show that extract knows no kind by name: lines `CALL <json>` are
 * requests, a string "$NAME" in them is unknown, and the kind loads its "parser" in `prepare`.
 */
const PLUGIN = `
const { LineIndex, unknownValue, containsUnknown } = await import(${JSON.stringify(path.join(REPO_ROOT, 'packages/core/dist/engine.js'))});
let prepared = false;
const mark = (v) => typeof v === 'string' && v.startsWith('$') ? unknownValue(v, 'variable') : Array.isArray(v) ? v.map(mark)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, c]) => [k, mark(c)])) : v;
const kind = {
  id: 'calls',
  description: 'test calls (*.calls)',
  patterns: ['**/*.calls'],
  claims: (file) => file.endsWith('.calls'),
  mayHoldRequests: (text) => text.includes('CALL '),
  prepare: async () => { await new Promise((r) => setTimeout(r, 5)); prepared = true; },
  read(filePath, text) {
    if (!prepared) throw new Error('read before prepare');
    const lines = new LineIndex(text);
    const requests = [];
    let offset = 0;
    for (const line of text.split('\\n')) {
      if (line.startsWith('CALL ')) {
        const value = mark(JSON.parse(line.slice(5)));
        const span = { offset: offset + 5, length: line.length - 5 };
        requests.push({ index: requests.length, value, format: 'json', problems: [], span, hasUnknowns: containsUnknown(value),
          locate: () => span, textEdits: () => undefined, sourceText: () => undefined });
      }
      offset += line.length + 1;
    }
    return { filePath, kind: 'calls', text, problems: [], requests, range: (s) => lines.range(s.offset, s.length), disableComments: () => [] };
  },
};
export default { meta: { name: 'calls', version: '1.0.0' }, sources: [kind] };
`;

function project(): string {
  return tempProject({
    'calls-plugin.mjs': PLUGIN,
    'otalint.config.mjs': `import calls from './calls-plugin.mjs';\nexport default [{ plugins: { calls } }];\n`,
    'deploy.calls': 'setup\nCALL {"otaUpdateId": "a", "roleArn": "$ROLE"}\n  CALL is not at the start\nCALL {"otaUpdateId": "b"}\n',
    'notes.calls': 'nothing to see\n',
    'request.json': '{ "otaUpdateId": "c", "targets": ["t"] }\n',
  });
}

test('prints every request of every kind: where it is written, and its value with unknowns marked', async () => {
  const dir = project();
  const run = await runMain(['extract', '.'], dir);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(JSON.parse(run.stdout), [
    { filePath: 'deploy.calls', line: 2, column: 6, request: { otaUpdateId: 'a', roleArn: { $unknown: '$ROLE' } } },
    { filePath: 'deploy.calls', line: 4, column: 6, request: { otaUpdateId: 'b' } },
    { filePath: 'request.json', line: 1, column: 1, request: { otaUpdateId: 'c', targets: ['t'] } },
  ]);
  // `lint` prepares the kind before reading too.
  const lint = await runMain(['deploy.calls', '--format', 'json'], dir);
  assert.equal(lint.status, 0, lint.stderr);
  assert.deepEqual(
    JSON.parse(lint.stdout).results[0].requests.map((r: { line: number }) => r.line),
    [2, 4],
  );
});

test('a file named on the command line is read even when its kind says it holds no request; none found is []', async () => {
  const dir = project();
  const run = await runMain(['extract', 'notes.calls'], dir);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '[]\n');
});

test('--output-file writes the JSON there, and a later run does not read it back as a request', async () => {
  const dir = project();
  assert.equal((await runMain(['extract', '.', '-o', 'out.json'], dir)).status, 0);
  const first = readFileSync(path.join(dir, 'out.json'), 'utf8');
  const again = await runMain(['extract', '.', '-o', 'out.json'], dir);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(readFileSync(path.join(dir, 'out.json'), 'utf8'), first);
});

test('a missing file fails the run (exit 2) with its name; --help', async () => {
  const dir = project();
  const missing = await runMain(['extract', 'nope.sh'], dir);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /No such file or folder: "nope\.sh"/);
  const folder = await runMain(['extract', '--help'], dir);
  assert.equal(folder.status, 0);
  assert.match(folder.stdout, /Usage: otalint extract/);
});

test.run();
