// Run-time values never draw a finding: every request fixture, written as an SDK call in
// TypeScript and in Python, with each of its members in turn replaced by a value known only at
// run time (`process.env.X`, `os.environ["X"]`). The readers must see it as unknown, no finding may
// land on or under it, and no finding may appear that the fully known request does not have.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { BAD, GOOD, badCases, core, lintText, presetRules, requestFiles } from '../../../scripts/lib/golden.mjs';

const test = suite('run-time values in code never draw a finding');
const rules = presetRules('all');
type Message = { ruleId: string; path: string };
type Path = Array<string | number>;

const javascript = (json: string) =>
  `import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\nexport const command = new CreateOTAUpdateCommand(${json});\n`;
const python = (value: unknown) => `import boto3\niot = boto3.client("iot")\nparams = ${pythonLiteral(value)}\niot.create_ota_update(**params)\n`;

function pythonLiteral(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value as object)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/** Every path into a value, parents before children. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

function valueAt(value: unknown, at: Path): unknown {
  return at.reduce<unknown>((current, key) => (current as Record<string | number, unknown> | undefined)?.[key], value);
}

const pointerOf = (at: Path) => at.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
const findingKey = (m: Message) => `${m.ruleId} ${m.path}`;

function check(file: string, text: string, fileName: string, replacement: string): number {
  const original = core.readSource(fileName, text);
  const [request] = original.requests;
  assert.ok(request, `${file}: the reader found no request in the ${fileName} form`);
  const known = new Set((lintText(text, fileName, rules).messages as Message[]).map(findingKey));
  let variants = 0;
  for (const at of paths(request.value)) {
    const span = request.locate(at, 'value');
    const variant = text.slice(0, span.offset) + replacement + text.slice(span.offset + span.length);
    const read = core.readSource(fileName, variant).requests[0];
    assert.ok(core.isUnknown(valueAt(read?.value, at)), `${file} ${fileName}: ${pointerOf(at)} should read as unknown`);
    const pointer = pointerOf(at);
    for (const message of lintText(variant, fileName, rules).messages as Message[]) {
      if (message.ruleId === 'duplicate-key') continue;
      assert.ok(
        message.path !== pointer && !message.path.startsWith(`${pointer}/`),
        `${file} ${fileName}: with ${pointer} unknown, ${message.ruleId} reports on it (${message.path})`,
      );
      assert.ok(
        known.has(findingKey(message)),
        `${file} ${fileName}: with ${pointer} unknown, ${message.ruleId} reports ${message.path}, which the known request does not have`,
      );
    }
    variants++;
  }
  return variants;
}

const fixtures = [...requestFiles(GOOD), ...badCases().map((c: { file: string }) => c.file)];
for (const file of fixtures) {
  const relative = path.relative(path.dirname(BAD), file);
  const document = core.readSource(file, readFileSync(file, 'utf8'));
  const value = document.requests[0]?.value;
  // A fixture that does not read as a request object (a syntax-error case) is no SDK call's.
  if (document.problems.length > 0 || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
  const json = JSON.stringify(value, null, 2);
  test(`${relative}: as a TypeScript call, each member in turn unknown`, () => {
    assert.ok(check(relative, javascript(json), 'request.ts', 'process.env.OTA_VALUE') > 0);
  });
  test(`${relative}: as a boto3 call, each member in turn unknown`, () => {
    assert.ok(check(relative, python(JSON.parse(json)), 'request.py', 'os.environ["OTA_VALUE"]') > 0);
  });
}

test.run();
