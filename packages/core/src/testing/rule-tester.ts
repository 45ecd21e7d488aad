import assert from 'node:assert/strict';
import { suite } from 'uvu';
import type { Diagnostic } from '../diagnostic.js';
import { prepareSource, readSource } from '../document/source-kinds.js';
import type { DocumentFormat, SourceDocument } from '../document/types.js';

/** What a case's `code` is written in: a request file, code that calls the SDK, or command lines. */
export type CaseFormat = DocumentFormat | 'javascript' | 'python' | 'shell' | 'makefile' | 'github-workflow' | 'gitlab-ci' | 'markdown';
/** The file name a case is read as, so the kind that claims it reads it. */
const CASE_FILE: Record<CaseFormat, string> = {
  json: 'case.json',
  yaml: 'case.yaml',
  javascript: 'case.ts',
  python: 'case.py',
  shell: 'case.sh',
  makefile: 'Makefile',
  'github-workflow': '.github/workflows/case.yml',
  'gitlab-ci': '.gitlab-ci.yml',
  markdown: 'case.md',
};
import { applyFixes } from '../linter/apply-fixes.js';
import { lintDocument } from '../linter/lint-document.js';
import { withFrozenLists } from '../util/select.js';
import type { AnyRule } from '../rules/define-rule.js';
import { withDefaults } from '../config/resolved-config.js';
import { parseDevice } from '../config/device.js';
import type { DeviceSetting } from '../config/types.js';
import type { DeviceProfileName } from '../device/profiles.js';
import { LocalFilesForRequest } from '../local/local-files.js';

/** A request to lint: text as written in a file, or a value (written out as 2-space JSON). */
export type CaseInput = { readonly code: string; readonly format?: CaseFormat } | { readonly request: unknown; readonly format?: 'json' };

/** What a case may set besides its input: rule options and the device profile (config `device`). */
interface CaseSettings {
  readonly name?: string;
  readonly options?: unknown;
  readonly device?: DeviceProfileName | DeviceSetting;
  /** Files on disk, as config `firmware` and `certificates` map them (absolute paths), and `--firmware`. */
  readonly localFiles?: CaseLocalFiles;
}

export interface CaseLocalFiles {
  readonly firmware?: Readonly<Record<string, string>>;
  readonly certificates?: Readonly<Record<string, string>>;
  readonly defaultFirmware?: string;
}

export type ValidCase = CaseInput & CaseSettings;

/** A suggestion a finding offers: its message, and the text once it is applied. */
export interface ExpectedSuggestion {
  readonly message: string;
  readonly output: string;
}

export interface ExpectedDiagnostic {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** JSON pointer; checked when given. */
  readonly path?: string;
  /** The suggestions, in order, each with the text it makes; required when the finding offers any. */
  readonly suggestions?: readonly ExpectedSuggestion[];
}

export type InvalidCase = CaseInput &
  CaseSettings & {
    readonly errors: readonly ExpectedDiagnostic[];
    /** The text after applying fixes until stable; omit to assert the rule offers no fix. */
    readonly output?: string;
  };

export function caseText(input: CaseInput): { text: string; format: CaseFormat } {
  if ('code' in input) return { text: input.code, format: input.format ?? (input.code.trimStart().startsWith('{') ? 'json' : 'yaml') };
  return { text: `${JSON.stringify(input.request, null, 2)}\n`, format: 'json' };
}

/** Load what reading a case needs (a kind's WASM parser, for command lines); await it before `readCase`. */
export function prepareCase(input: CaseInput): Promise<void> {
  return prepareSource(CASE_FILE[caseText(input).format]);
}

/**
 * Read a case's text as its format, refusing text with problems of its own (a syntax error, a
 * duplicate key): a case that does not read cleanly tests the reader, not the rule.
 */
export function readCase(input: CaseInput): SourceDocument {
  const { text, format } = caseText(input);
  return readsCleanly(readSource(CASE_FILE[format], text));
}

/** The document, once it is known to have no problems of its own; a failed assertion naming them otherwise. */
export function readsCleanly(document: SourceDocument): SourceDocument {
  // A source rule's finding (an unknown CLI option) is a rule's, not a reading problem.
  const problems = [...document.problems, ...document.requests.flatMap((request) => request.problems)].filter((problem) => !problem.sourceRule);
  if (problems.length > 0) {
    const found = problems.map((problem) => `${problem.ruleId}: ${problem.message}`).join('; ');
    throw new assert.AssertionError({ message: `${document.filePath} does not read cleanly as ${document.kind} (${found}); fix the case's text` });
  }
  return document;
}

/** Lint a case with only this rule on, as an error. A case with syntax problems fails (readCase). */
export function lintWithRule(
  rule: AnyRule,
  input: CaseInput,
  options?: unknown,
  device?: DeviceProfileName | DeviceSetting,
  files?: CaseLocalFiles,
): Diagnostic[] {
  const found = lintCase(rule, input, options, device, files);
  const { needs } = rule.meta;
  if (needs !== undefined) {
    // The engine skips the rule on a request that lacks every path it needs: on this case, that
    // must change nothing (run without the skip, the rule finds the same).
    const { needs: _skipped, ...meta } = rule.meta;
    const everywhere = lintCase({ ...rule, meta } as AnyRule, input, options, device, files);
    assert.deepEqual(
      found.map(describeFound),
      everywhere.map(describeFound),
      `${rule.meta.id} declares meta.needs ${JSON.stringify(needs)}, but it finds something on this case, which holds none of them: list the paths its findings come from, or remove needs`,
    );
  }
  return found;
}

function lintCase(
  rule: AnyRule,
  input: CaseInput,
  options: unknown,
  device: DeviceProfileName | DeviceSetting | undefined,
  files: CaseLocalFiles | undefined,
): Diagnostic[] {
  const document = readCase(input);
  const active = [{ id: rule.meta.id, rule, severity: 'error' as const, options: withDefaults(rule.defaultOptions, options) }];
  const localFiles = files
    ? new LocalFilesForRequest(
        { firmware: new Map(Object.entries(files.firmware ?? {})), certificates: new Map(Object.entries(files.certificates ?? {})) },
        process.cwd(),
        files.defaultFirmware,
      )
    : undefined;
  // The lists the rules share are frozen here: a rule that changes one fails its tests.
  const result = withFrozenLists(() =>
    lintDocument(document, active, {
      debug: true,
      ...(device === undefined ? {} : { device: parseDevice(device, 'device', 'test case') }),
      ...(localFiles ? { localFiles } : {}),
    }),
  );
  return result.messages.filter((message) => message.ruleId === rule.meta.id || message.ruleId === 'internal-error');
}

/**
 * One uvu suite per rule, with only that rule on. Asserts rule id, message and the exact range
 * of every diagnostic, each suggestion's output, and the fixed output; a case whose text does not
 * read cleanly fails. Rejects duplicate cases and an empty table, and runs the suite itself, so
 * a forgotten `.run()` cannot silently test nothing.
 */
export function testRule(rule: AnyRule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  if (cases.valid.length === 0 || cases.invalid.length === 0) {
    throw new Error(`${rule.meta.id}: a rule needs at least one valid and one invalid case`);
  }
  const seen = new Set<string>();
  const test = suite(rule.meta.id);
  const register = (kind: string, input: CaseInput & CaseSettings, body: () => void) => {
    const { text } = caseText(input);
    const key = `${kind}\u0000${text}\u0000${JSON.stringify([input.options, input.device, input.localFiles])}`;
    if (seen.has(key)) throw new Error(`${rule.meta.id}: duplicate ${kind} case ${input.name ?? text.slice(0, 60)}`);
    seen.add(key);
    test(`${kind}: ${input.name ?? text.replace(/\s+/g, ' ').slice(0, 70)}`, async () => {
      await prepareCase(input);
      body();
    });
  };

  for (const valid of cases.valid) register('valid', valid, () => checkValidCase(rule, valid));
  for (const invalid of cases.invalid) register('invalid', invalid, () => checkInvalidCase(rule, invalid));
  test.run();
}

/** A valid case: it reads cleanly, and the rule finds nothing. Throws an AssertionError otherwise. */
export function checkValidCase(rule: AnyRule, valid: ValidCase): void {
  const found = lintWithRule(rule, valid, valid.options, valid.device, valid.localFiles);
  assert.deepEqual(found.map(describeFound), [], 'expected no diagnostics');
}

/**
 * An invalid case: it reads cleanly, the rule finds exactly the errors listed (message, range,
 * path and suggestions with their outputs when given; suggestions always when it offers any), and
 * fixing until stable gives `output` (or leaves the text as it is when there is none).
 */
export function checkInvalidCase(rule: AnyRule, invalid: InvalidCase): void {
  const { text, format } = caseText(invalid);
  assert.ok(invalid.errors.length > 0, 'an invalid case needs at least one expected error');
  assert.notEqual(invalid.output, text, "`output` is the case's text: omit `output` when the rule fixes nothing");
  const found = lintWithRule(rule, invalid, invalid.options, invalid.device, invalid.localFiles);
  const actual = found.map((d, i) => pick(d, invalid.errors[i], text));
  const expected = invalid.errors.map((e) => ({ ruleId: rule.meta.id, ...e }));
  assert.deepEqual(actual, expected);
  const fixed = fixUntilStable(rule, text, format, invalid.options, invalid.device);
  if (invalid.output === undefined) assert.equal(fixed, text, 'the rule offered a fix, but the case has no `output`');
  else assert.equal(fixed, invalid.output);
}

function fixUntilStable(rule: AnyRule, text: string, format: CaseFormat, options: unknown, device: CaseSettings['device']): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const messages = lintWithRule(rule, { code: current, format }, options, device);
    const { text: next, applied } = applyFixes(current, messages);
    if (applied === 0) return current;
    current = next;
  }
  throw new Error(`${rule.meta.id}: fixes did not settle after 10 passes`);
}

/** The finding as the case states it: suggestions with their outputs whenever it offers any, so none goes untested. */
function pick(found: Diagnostic, expected: ExpectedDiagnostic | undefined, text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: found.ruleId,
    message: found.message,
    line: found.line,
    column: found.column,
    endLine: found.endLine,
    endColumn: found.endColumn,
  };
  if (expected?.path !== undefined) out.path = found.path;
  const suggestions = (found.suggestions ?? []).map((s) => ({ message: s.message, output: applyFixes(text, [{ ...found, fix: s.fix }]).text }));
  if (expected?.suggestions !== undefined || suggestions.length > 0) out.suggestions = suggestions;
  return out;
}

function describeFound(d: Diagnostic): string {
  return `${d.line}:${d.column} ${d.ruleId} ${d.message}`;
}
