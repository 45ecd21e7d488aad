// fixtures/good: every file lints clean under every built-in preset.
// fixtures/bad/<rule-id>/: every case matches its golden result (scripts/update-golden.mjs), shows
// its rule, and, when that rule offers a fix, fixes clean and changes nothing else.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import {
  BAD,
  GOOD,
  badCases,
  builtins,
  codeCases,
  commandLineCases,
  codeGolden,
  core,
  goldenMessages,
  lintFilesAsRun,
  lintText,
  presetRules,
  requestFiles,
} from '../../../scripts/lib/golden.mjs';

const relative = (file: string) => path.relative(path.dirname(path.dirname(BAD)), file);
type Message = { ruleId: string; line: number; endLine: number; message: string; fix?: unknown };

const good = suite('fixtures/good');
const goodFiles = requestFiles(GOOD);
good('there are good fixtures in JSON and YAML', () => {
  assert.ok(goodFiles.some((file: string) => file.endsWith('.json')) && goodFiles.some((file: string) => /\.ya?ml$/.test(file)));
});
for (const file of goodFiles) {
  good(`${relative(file)} is clean under every preset, for every device profile`, () => {
    const text = readFileSync(file, 'utf8');
    for (const preset of builtins.BUILTIN_PRESETS) {
      for (const name of Object.keys(core.DEVICE_PROFILES)) {
        const found = lintText(text, relative(file), presetRules(preset), core.deviceProfile(name)).messages.map(
          (m: Message) => `${m.line} ${m.ruleId}: ${m.message}`,
        );
        assert.deepEqual(found, [], `${preset} reports on a good fixture (device profile ${name})`);
      }
    }
  });
}
good('fixtures/good linted as one run is clean under every preset', async () => {
  for (const preset of builtins.BUILTIN_PRESETS) {
    const results = await lintFilesAsRun(goodFiles, presetRules(preset));
    assert.deepEqual(
      results.flatMap((result: { filePath: string; messages: Message[] }) =>
        result.messages.map((m) => `${result.filePath}:${m.line} ${m.ruleId}: ${m.message}`),
      ),
      [],
      `${preset} reports on the good fixtures as a run`,
    );
  }
});
good.run();

const bad = suite('fixtures/bad');
const cases = badCases();
const known = new Set([...Object.keys(builtins.rules), ...Object.values(core.RESERVED_RULE_IDS)]);
bad(
  'every built-in rule has a bad fixture (rules about code and command lines: in fixtures/code, fixtures/command-line; account rules: their tables and the moto scenarios)',
  () => {
    const inCode = [...codeCases(), ...commandLineCases()].flatMap((c: { file: string }) => codeGolden(c.file).messages.map((m: Message) => m.ruleId));
    const covered = new Set([...cases.map((c: { id: string }) => c.id), ...inCode]);
    assert.deepEqual(
      Object.entries(builtins.rules)
        .filter(([id, rule]) => !covered.has(id) && !core.isAccountRule(rule))
        .map(([id]) => id),
      [],
    );
  },
);
bad('no two cases share a golden file (name JSON and YAML cases differently)', () => {
  const goldens = cases.map((c: { golden: string }) => c.golden);
  assert.deepEqual(goldens.filter((g: string, i: number) => goldens.indexOf(g) !== i).map(relative), []);
});
bad('every folder in fixtures/bad is named after a rule and holds a case', () => {
  const folders = existsSync(BAD)
    ? readdirSync(BAD, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
  for (const folder of folders) {
    assert.ok(known.has(folder), `fixtures/bad/${folder}: no rule has that id`);
    assert.ok(requestFiles(path.join(BAD, folder)).length > 0, `fixtures/bad/${folder} holds no request file`);
  }
});

for (const { id, file, golden } of cases) {
  bad(`${relative(file)} matches its golden result`, async () => {
    assert.ok(existsSync(golden), `${relative(golden)} is missing: run node scripts/update-golden.mjs`);
    const messages = (await goldenMessages(file)) as Message[];
    assert.deepEqual(
      messages,
      JSON.parse(readFileSync(golden, 'utf8')),
      `${relative(file)} differs from its golden result (if intended: node scripts/update-golden.mjs)`,
    );
    // A rule that looks at the whole run needs two files: the folder as a whole shows it.
    const shown = builtins.rules[id]?.meta.scope === 'run' ? requestFiles(path.dirname(file)) : [file];
    const all = (await Promise.all(shown.map((one: string) => goldenMessages(one)))).flat() as Message[];
    assert.ok(
      all.some((m) => m.ruleId === id),
      `${relative(file)} does not trigger ${id}`,
    );
  });

  const rules = presetRules('all', [id]);
  const original = readFileSync(file, 'utf8');
  const first = lintText(original, relative(file), rules).messages as Message[];
  if (!first.some((m) => m.fix)) continue;
  bad(`${relative(file)}: the ${id} fix lints clean and changes only the fixed places`, () => {
    let text = original;
    const allowedLines = new Set<number>();
    for (let pass = 0; ; pass++) {
      assert.ok(pass < 10, 'fixes did not settle after 10 passes');
      const messages = lintText(text, relative(file), rules).messages as Message[];
      const { text: next, applied } = core.applyFixes(text, messages);
      if (applied === 0) break;
      // fixes are local: a fix may touch the lines of its diagnostic and the separators next to them
      if (pass === 0) for (const m of messages.filter((m) => m.fix)) for (let line = m.line - 1; line <= m.endLine + 1; line++) allowedLines.add(line);
      text = next;
    }
    assert.deepEqual(
      (lintText(text, relative(file), rules).messages as Message[]).map((m) => m.message),
      [],
      'the fixed file still has findings of the rule',
    );
    const syntaxBefore = (lintText(original, relative(file), []).messages as Message[]).length;
    assert.equal((lintText(text, relative(file), []).messages as Message[]).length, syntaxBefore, 'the fix broke the syntax');
    for (const line of changedLines(original, text)) assert.ok(allowedLines.has(line), `the fix changed line ${line}, away from anything it fixed`);
  });
}
bad.run();

// fixtures/code: SDK calls in code, modelled on real shapes; each matches its golden result.
const code = suite('fixtures/code');
const codeFiles = codeCases();
code('there are code fixtures in TypeScript, JavaScript and Python', () => {
  for (const extension of [/\.ts$/, /\.[cm]?js$/, /\.py$/])
    assert.ok(
      codeFiles.some((c: { file: string }) => extension.test(c.file)),
      String(extension),
    );
});
for (const { file, golden } of codeFiles) {
  code(`${relative(file)} matches its golden result`, () => {
    assert.ok(existsSync(golden), `${relative(golden)} is missing: run node scripts/update-golden.mjs`);
    assert.deepEqual(
      codeGolden(file),
      JSON.parse(readFileSync(golden, 'utf8')),
      `${relative(file)} differs from its golden result (if intended: node scripts/update-golden.mjs)`,
    );
  });
}
code('calls that are not CreateOTAUpdate, and wrappers of the same name outside the SDK, hold no request', () => {
  for (const name of ['not-ota.mjs', 'app-wrapper.js', 'not_ota.py']) {
    const found = codeFiles.find((c: { file: string }) => c.file.endsWith(name));
    assert.ok(found, `fixtures/code/${name} is missing`);
    assert.deepEqual(codeGolden(found.file).requests, [], name);
  }
});
code.run();

// fixtures/command-line: scripts, Makefiles, workflows and READMEs; each matches its golden result.
const commandLine = suite('fixtures/command-line');
const commandLineFiles = commandLineCases();
commandLine('there are command-line fixtures of every kind', () => {
  for (const kind of ['shell', 'makefile', 'github-workflow', 'gitlab-ci', 'markdown']) {
    assert.ok(
      commandLineFiles.some((c: { file: string }) => codeGolden(c.file).kind === kind),
      kind,
    );
  }
});
for (const { file, golden } of commandLineFiles) {
  commandLine(`${relative(file)} matches its golden result`, () => {
    assert.ok(existsSync(golden), `${relative(golden)} is missing: run node scripts/update-golden.mjs`);
    assert.deepEqual(
      codeGolden(file),
      JSON.parse(readFileSync(golden, 'utf8')),
      `${relative(file)} differs from its golden result (if intended: node scripts/update-golden.mjs)`,
    );
  });
}
commandLine('commands that are not create-ota-update, and mentions in comments, strings and here-documents, hold no request', () => {
  const found = commandLineFiles.find((c: { file: string }) => c.file.endsWith('not-ota.sh'));
  assert.ok(found, 'fixtures/command-line/not-ota.sh is missing');
  assert.deepEqual(codeGolden(found.file).requests, []);
});
commandLine.run();

/** 1-based lines of `before` that `after` changes or removes (a line diff by longest common subsequence). */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const changed: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) changed.push(++i);
    else {
      changed.push(i + 1); // an inserted line: blamed on the original line it lands before
      j++;
    }
  }
  while (i < a.length) changed.push(++i);
  return changed;
}
