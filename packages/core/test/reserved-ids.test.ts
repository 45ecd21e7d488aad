import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import { sections } from '../../../scripts/lib/rule-catalogue.mjs';
import type { ConfigObject, RuleSetting } from '../src/config/types.js';
import { RESERVED_RULE_IDS } from '../src/diagnostic.js';
import { Linter } from '../src/linter/linter.js';
import { RESERVED_IDS, SUPPRESSION_RULE_IDS, isSuppressibleId } from '../src/reserved-ids.js';
import { UPPER_ID_BUILTINS } from './helpers/upper-id-plugin.js';

const test = suite('reserved ids: the problems otalint reports itself');

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const HEADINGS = ['Why', 'Examples', 'Configuration', 'Fix'];

const builtins = UPPER_ID_BUILTINS;

const folders: string[] = [];
process.on('exit', () => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-reserved-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function linter(config: readonly ConfigObject[], overrideRules?: Record<string, RuleSetting>, cwd = folder()): Promise<Linter> {
  return Linter.create({ cwd, builtins, defaultConfig: config, ...(overrideRules ? { overrideRules } : {}) });
}

const DUPLICATE_JSON = '{\n  "otaUpdateId": "A",\n  "otaUpdateId": "B"\n}\n';
const DUPLICATE_YAML = 'otaUpdateId: A\notaUpdateId: B\n';
const ids = (messages: ReadonlyArray<{ ruleId: string; severity: string }>) => messages.map((m) => `${m.ruleId}:${m.severity}`);

test('the registry holds every id the engine reports, once, with a docs page each in the fixed shape', () => {
  const all = RESERVED_IDS.map((entry) => entry.id);
  assert.deepEqual([...all].sort(), [...Object.values(RESERVED_RULE_IDS), ...Object.values(SUPPRESSION_RULE_IDS)].sort());
  assert.equal(new Set(all).size, all.length);
  for (const entry of RESERVED_IDS) {
    const page = path.join(DOCS, `${entry.id}.md`);
    assert.ok(existsSync(page), `${entry.id} has no docs page (packages/core/docs/${entry.id}.md)`);
    assert.ok(entry.docsUrl.endsWith(`/packages/core/docs/${entry.id}.md`), entry.docsUrl);
    const parts = sections(readFileSync(page, 'utf8'));
    const intro = (parts.get('') ?? '').split('\n').filter((line: string) => line.trim() !== '');
    assert.equal(intro[0], `# ${entry.id}`);
    assert.equal(intro.slice(1).join(' '), entry.description, `${entry.id}: the description line differs from the registry`);
    assert.deepEqual([...parts.keys()].slice(1), HEADINGS, `${entry.id}: the page needs exactly ${HEADINGS.map((h) => `## ${h}`).join(', ')}`);
    assert.match(parts.get('Examples') ?? '', /^### Incorrect\n+```[a-z]+\n[\s\S]+?```[\s\S]*^### Correct\n+```[a-z]+\n/m, `${entry.id}: examples`);
    // The page says what the registry says about setting it.
    const configuration = parts.get('Configuration') ?? '';
    if (entry.configurable === true) assert.match(configuration, /may set it/, entry.id);
    else assert.match(configuration, /refused|never|cannot/, entry.id);
  }
  assert.deepEqual(readdirSync(DOCS).sort(), all.map((id) => `${id}.md`).sort(), 'a page in packages/core/docs without a reserved id');
});

test('duplicate-key is set like a rule: off drops it, a severity replaces its own, in JSON and YAML', async () => {
  for (const [file, text] of [
    ['r.json', DUPLICATE_JSON],
    ['r.yaml', DUPLICATE_YAML],
  ] as const) {
    assert.deepEqual(ids((await linter([{}])).lintText(text, file).messages), ['duplicate-key:error'], file);
    const off = (await linter([{ rules: { 'duplicate-key': 'off' } }])).lintText(text, file);
    assert.deepEqual(off.messages, [], file);
    assert.equal(off.errorCount, 0);
    const warn = (await linter([{}], { 'duplicate-key': 'warn' })).lintText(text, file);
    assert.deepEqual(ids(warn.messages), ['duplicate-key:warning'], file);
    assert.equal(warn.warningCount, 1);
    assert.equal(warn.errorCount, 0);
    assert.ok(warn.messages[0]!.fingerprint, 'still fingerprinted');
  }
});

test('ESLint spellings, per-file objects, later objects win; rules still run beside it', async () => {
  const config: ConfigObject[] = [{ rules: { 'upper-id': 'error', 'duplicate-key': 0 } }, { files: ['strict/**'], rules: { 'duplicate-key': 2 } }];
  const text = '{ "otaUpdateId": "a", "otaUpdateId": "b" }';
  const lax = (await linter(config)).lintText(text, 'lax/r.json');
  assert.deepEqual(ids(lax.messages), ['upper-id:error']);
  const strict = (await linter(config)).lintText(text, 'strict/r.json');
  assert.deepEqual(ids(strict.messages).sort(), ['duplicate-key:error', 'upper-id:error']);
  const printed = (await linter(config)).config.settingsFor(path.join((await linter(config)).cwd, 'lax/r.json'));
  assert.deepEqual(printed.get('duplicate-key'), { severity: 'off' });
});

test('a duplicate-key that is off leaves nothing to waive: its disable comment is then unused', async () => {
  const text = 'otaUpdateId: A\n# otalint-disable-next-line duplicate-key -- generated file\notaUpdateId: B\n';
  const on = (await linter([{}])).lintText(text, 'r.yaml');
  assert.deepEqual(on.messages, []);
  assert.deepEqual(ids(on.suppressedMessages ?? []), ['duplicate-key:error']);
  const off = (await linter([{ rules: { 'duplicate-key': 'off' } }])).lintText(text, 'r.yaml');
  assert.deepEqual(ids(off.messages), ['unused-suppression:warning']);
});

test('unused-suppression and expired-suppression take severities: comments and config suppressions alike', async () => {
  const idle = '# otalint-disable-next-line upper-id -- legacy\notaUpdateId: A\n';
  const rules = { 'upper-id': 'error' } as const;
  assert.deepEqual(ids((await linter([{ rules }])).lintText(idle, 'r.yaml').messages), ['unused-suppression:warning']);
  assert.deepEqual(ids((await linter([{ rules: { ...rules, 'unused-suppression': 'error' } }])).lintText(idle, 'r.yaml').messages), [
    'unused-suppression:error',
  ]);
  assert.deepEqual((await linter([{ rules }], { 'unused-suppression': 'off' })).lintText(idle, 'r.yaml').messages, []);

  // A config suppression that waived nothing is reported on the config file, with its setting.
  const cwd = folder({
    '.otalintrc.json': JSON.stringify([
      { rules: { ...rules, 'unused-suppression': 'error' }, suppressions: [{ files: ['*.json'], path: '/otaUpdateId', rule: 'upper-id', reason: 'legacy' }] },
    ]),
  });
  const withFile = await Linter.create({ cwd, builtins });
  withFile.lintText('{ "otaUpdateId": "A" }', 'r.json');
  const report = await withFile.unusedSuppressionsResult();
  assert.deepEqual(ids(report!.messages), ['unused-suppression:error']);
  assert.equal(report!.errorCount, 1);
  assert.match(report!.messages[0]!.fingerprint ?? '', /^[0-9a-f]{32}:1$/);
  const quiet = await Linter.create({ cwd, builtins, overrideRules: { 'unused-suppression': 'off' } });
  quiet.lintText('{ "otaUpdateId": "A" }', 'r.json');
  assert.equal(await quiet.unusedSuppressionsResult(), undefined);

  const expiredConfig = (setting: RuleSetting): ConfigObject[] => [
    {
      rules: { ...rules, 'expired-suppression': setting },
      suppressions: [{ files: ['*.json'], path: '/otaUpdateId', rule: 'upper-id', reason: 'legacy', expires: '2000-01-01' }],
    },
  ];
  const lapsed = '{ "otaUpdateId": "a" }';
  assert.deepEqual(ids((await linter(expiredConfig('error'))).lintText(lapsed, 'r.json').messages).sort(), ['expired-suppression:error', 'upper-id:error']);
  assert.deepEqual(ids((await linter(expiredConfig('off'))).lintText(lapsed, 'r.json').messages), ['upper-id:error'], 'the finding stands without the note');
});

test("ids that are the file's or the run's failure are refused, each with its reason; options and typos too", async () => {
  for (const entry of RESERVED_IDS.filter((candidate) => candidate.configurable !== true)) {
    for (const setting of ['off', 'warn', 'error'] as const) {
      await assert.rejects(linter([{ rules: { [entry.id]: setting } }]), (error: Error) => {
        assert.equal(error.name, 'ConfigError');
        const refused = entry.configurable === true ? '' : entry.configurable.refused;
        assert.equal(error.message, `<default config>: [0].rules.${entry.id}: "${entry.id}" is reported by otalint itself and cannot be set: ${refused}`);
        return true;
      });
    }
  }
  await assert.rejects(
    linter([{}], { 'syntax-error': 'off' }),
    /^ConfigError: command line \(--rule\): \[0\]\.rules\.syntax-error: "syntax-error" is reported by otalint itself/,
  );
  await assert.rejects(linter([{ rules: { 'duplicate-key': ['warn', { x: 1 }] } }]), /"duplicate-key" takes no options; set only its severity/);
  await assert.rejects(linter([{ rules: { 'duplicate-key': 'loud' as unknown as RuleSetting } }]), /"loud" is not a rule setting/);
  await assert.rejects(linter([{ rules: { 'duplicat-key': 'off' } }]), /unknown rule "duplicat-key"; did you mean "duplicate-key"\?/);
});

test('what may be waived: rules and duplicate-key; never syntax, crashes, unreadable files or the notes', () => {
  const rules = new Set(['upper-id']);
  assert.ok(isSuppressibleId('upper-id', rules));
  assert.ok(isSuppressibleId('duplicate-key', rules));
  for (const id of ['syntax-error', 'internal-error', 'unreadable-file', 'unused-suppression', 'expired-suppression', 'invalid-suppression']) {
    assert.equal(isSuppressibleId(id, rules), false, id);
  }
});

test.run();
