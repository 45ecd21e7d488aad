// Golden results for fixtures/bad: each <case>.{json,yaml} is linted with every rule of the `all`
// preset and its messages, as the JSON report prints them, are kept in <case>.expected.json.
// Shared by scripts/update-golden.mjs (writes them) and packages/rules/test/fixtures.test.ts
// (compares). Uses the built packages: run `node scripts/build.mjs` first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './rule-catalogue.mjs';

const load = (relative) => import(pathToFileURL(path.join(ROOT, relative)).href);
const core = await load('packages/core/dist/engine.js');
const builtins = await load('packages/rules/dist/index.js');
const { toJsonReport } = await load('packages/cli/dist/formatters/json.js');

export const FIXTURES = path.join(ROOT, 'fixtures');
export const GOOD = path.join(FIXTURES, 'good');
export const BAD = path.join(FIXTURES, 'bad');
export const CODE = path.join(FIXTURES, 'code');
const REQUEST_FILE = /\.(json|ya?ml)$/;
const CODE_FILE = /\.(?:[cm]?[jt]s|[jt]sx|py)$/;

export { builtins, core };

/** Request files in a folder (golden files excluded), sorted. */
export function requestFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => REQUEST_FILE.test(name) && !name.endsWith('.expected.json'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Every bad case: { id (the folder, a rule id), file, golden }. */
export function badCases() {
  if (!existsSync(BAD)) return [];
  return readdirSync(BAD, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((id) => requestFiles(path.join(BAD, id)).map((file) => ({ id, file, golden: file.replace(REQUEST_FILE, '.expected.json') })));
}

/** The active rules of a built-in preset, at the severities it sets, optionally narrowed to some ids. */
export function presetRules(preset, only) {
  return Object.entries(builtins.configs[preset].rules)
    .filter(([id, setting]) => setting !== 'off' && (!only || only.includes(id)))
    .map(([id, setting]) => {
      const rule = builtins.rules[id];
      return { id, rule, severity: core.toSeverity(setting), options: rule.defaultOptions };
    });
}

// Command lines and Python are read with tree-sitter's grammars, which load asynchronously, once.
await core.prepareSource('prepare.sh');
await core.prepareSource('prepare.py');

/**
 * Lint text with these rules, for devices of a profile (default: the default profile), with files on
 * disk, as the file at `filePath` (relative to the repository: `file://` values resolve there).
 */
export function lintText(text, filePath, rules, device, localFiles) {
  return core.lintDocument(core.readSource(filePath, text, undefined, { cwd: ROOT }), rules, {
    ...(device ? { device } : {}),
    ...(localFiles ? { localFiles } : {}),
  });
}

/**
 * The files on disk a case stands beside, as config would map them: `<case>.local-files` (JSON:
 * `{ "firmware": { "s3://b/k": "../../material/firmware.bin" }, "certificates": { ... } }`, paths
 * relative to it). Not a request file, so folder runs never lint it.
 */
export function localFilesOf(file) {
  const sidecar = file.replace(REQUEST_FILE, '.local-files');
  if (sidecar === file || !existsSync(sidecar)) return undefined;
  const { firmware = {}, certificates = {} } = JSON.parse(readFileSync(sidecar, 'utf8'));
  const resolve = (entries) => new Map(Object.entries(entries).map(([name, local]) => [name, path.resolve(path.dirname(sidecar), local)]));
  return new core.LocalFilesForRequest({ firmware: resolve(firmware), certificates: resolve(certificates) }, ROOT);
}

/**
 * Lint files as one run: each with these rules, then the rules that look at the whole run
 * (scope "run") over all of them, at the severities given.
 */
export async function lintFilesAsRun(files, rules, device) {
  const results = files.map((file) => lintText(readFileSync(file, 'utf8'), path.relative(ROOT, file), rules, device, localFilesOf(file)));
  const runRules = rules.filter((active) => active.rule.meta.scope === 'run');
  return core.lintRun(results, {
    rulesFor: () => runRules,
    deviceFor: () => device ?? core.deviceProfile(core.DEFAULT_DEVICE_PROFILE),
    read: async (result) => core.readSource(result.filePath, result.source, result.kind),
  });
}

/**
 * The messages of a fixture as the JSON report prints them (with `all` on). The files of a
 * folder named after a rule with scope "run" are linted as one run; any other file alone.
 */
export async function goldenMessages(file) {
  const folder = path.dirname(file);
  const rule = builtins.rules[path.basename(folder)];
  const files = rule?.meta.scope === 'run' ? requestFiles(folder) : [file];
  const results = await lintFilesAsRun(files, presetRules('all'));
  return toJsonReport([results[files.indexOf(file)]]).results[0].messages;
}

export async function renderGolden(file) {
  return `${JSON.stringify(await goldenMessages(file), null, 2)}\n`;
}

/**
 * fixtures/code: SDK calls in TypeScript, JavaScript and Python, modelled on real code. Each
 * <name>.<ext> has <name>.<ext>.expected.json: the requests read (values with unknowns marked,
 * as `otalint extract` prints them, and where each is written) and the messages (`all` on).
 */
export function codeCases() {
  if (!existsSync(CODE)) return [];
  return readdirSync(CODE)
    .filter((name) => CODE_FILE.test(name))
    .sort()
    .map((name) => ({ file: path.join(CODE, name), golden: path.join(CODE, `${name}.expected.json`) }));
}

/**
 * fixtures/command-line: scripts, Makefiles, CI workflows and READMEs that run
 * `aws iot create-ota-update`, with side files (`file://` JSON) beside them. Every file a
 * command-line kind claims is a case, with a golden <name>.expected.json as for fixtures/code.
 */
export const COMMAND_LINE = path.join(FIXTURES, 'command-line');
const COMMAND_LINE_KINDS = new Set(['shell', 'makefile', 'github-workflow', 'gitlab-ci', 'markdown']);

export function commandLineCases() {
  if (!existsSync(COMMAND_LINE)) return [];
  const kinds = new core.SourceKinds();
  return readdirSync(COMMAND_LINE, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.expected.json'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .filter((file) => COMMAND_LINE_KINDS.has(kinds.claimant(path.relative(ROOT, file), readFileSync(file, 'utf8'))?.id))
    .sort()
    .map((file) => ({ file, golden: `${file}.expected.json` }));
}

export function codeGolden(file) {
  const result = lintText(readFileSync(file, 'utf8'), path.relative(ROOT, file), presetRules('all'));
  const requests = result.requests.map((request) => ({
    index: request.index,
    line: request.range.line,
    column: request.range.column,
    value: core.encodeValue(request.value),
  }));
  return { kind: result.kind, requests, messages: toJsonReport([result]).results[0].messages };
}

export function renderCodeGolden(file) {
  return `${JSON.stringify(codeGolden(file), null, 2)}\n`;
}
