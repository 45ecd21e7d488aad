import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import {
  DEFAULT_DEVICE_PROFILE,
  Linter,
  containsUnknown,
  deviceProfile,
  encodeValue,
  isAccountRule,
  lintDocument,
  lintRun,
  prepareSource,
  readSource,
  runAccountRules,
  type ActiveRule,
  type Diagnostic,
  type SourceDocument,
} from '@otalint/core/engine';
import { contraryAccount, memoryAccount } from '../../rules/test/support/account.js';
import { plugin, rules } from '@otalint/rules';
import { suite } from 'uvu';
import { localFilesOf } from '../../../scripts/lib/golden.mjs';
import { REPO_ROOT } from './helpers/run-cli.js';
import { toJsonPointer } from '@otalint/core';
import { GoodValues, valuePaths, variantsOf, withAt } from './helpers/unknown-variants.js';

// Never crash on any input: every rule of the `all` preset runs over requests whose values are
// swapped for every other JSON type. (Fixtures mangled at random: mutation-campaign.test.ts.)
const test = suite('robustness: no rule crashes on any input');

const linter = await Linter.create({ cwd: REPO_ROOT, builtins: plugin, defaultConfig: [{ extends: ['all'] }], configFile: undefined as never });
const fixtures = fg.sync(['fixtures/**/*.{json,yaml,yml}'], { cwd: REPO_ROOT, ignore: ['**/*.expected.json', 'fixtures/real-world/sources.json'] });
const WEIRD: unknown[] = [null, true, 0, -1, 1.5, 1e308, '', 'x', '\u0000', [], [null], {}, { a: 1 }];

function crashes(text: string, file: string): string[] {
  return linter
    .lintText(text, file)
    .messages.filter((m) => m.ruleId === 'internal-error')
    .map((m) => m.message);
}

test('there are fixtures to mangle', () => {
  assert.ok(fixtures.length >= 2, fixtures.join(', '));
});

test('every value swapped for every other type', () => {
  const failures: string[] = [];
  for (const file of fixtures.filter((f) => f.endsWith('.json'))) {
    let request: unknown;
    try {
      request = JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
    } catch {
      continue;
    }
    for (const at of [[], ...valuePaths(request).map((entry) => entry.path)]) {
      for (const weird of WEIRD) {
        const text = JSON.stringify(withAt(request, at, weird));
        for (const message of crashes(text, 'mangled.json')) failures.push(`${file} ${JSON.stringify(at)} = ${JSON.stringify(weird)}: ${message}`);
      }
    }
  }
  assert.deepEqual(failures.slice(0, 10), []);
});

test.run();

// A finding on a request with an unknown part must be true whatever that part turns out to be:
// over every good and bad fixture, each member and list item in turn is unknown, and each object
// and list in turn is open (a spread). The findings must then be a subset (by rule id and path)
// of the findings for every concrete request it could stand for, and none lies through an unknown.
const unknowns = suite('unknown values: a finding holds whatever the unknown turns out to be');

const builtins: ActiveRule[] = Object.values(rules).map((rule) => ({ id: rule.meta.id, rule, severity: 'error', options: rule.defaultOptions }));
// Request files, and code whose requests already hold unknowns (variables, calls, spreads).
const requestFixtures = fg
  .sync(['fixtures/{good,bad}/**/*.{json,yaml,yml}', 'fixtures/code/*'], { cwd: REPO_ROOT, ignore: ['**/*.expected.json', 'fixtures/code/*.md'] })
  .sort();
async function readFixture(file: string): Promise<SourceDocument> {
  const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  await prepareSource(file, text);
  return readSource(file, text);
}

const runRules = builtins.filter((active) => active.rule.meta.scope === 'run');
const accountRules = builtins.filter((active) => isAccountRule(active.rule));
/** Accounts where nothing exists, and where everything exists and is wrong: between them, every deep rule reports. */
const accounts = [memoryAccount({}), contraryAccount()];
const device = deviceProfile(DEFAULT_DEVICE_PROFILE);

/**
 * The rule id and path of every finding on one of a fixture's requests when it holds `value`: the
 * request rules, the run rules over a run of the fixture as read plus this request (marked
 * "(the first file)" when they land on the first), and the account rules against each of `accounts` (marked "(account N)").
 */
async function findings(document: SourceDocument, index: number, value: unknown): Promise<string[]> {
  const requests = document.requests.map((request) =>
    request.index === index ? { ...request, value, problems: [], hasUnknowns: containsUnknown(value) } : request,
  );
  const variant: SourceDocument = { ...document, problems: [], requests };
  const first: SourceDocument = { ...document, filePath: `first/${document.filePath}` };
  const localFiles = localFilesOf(path.join(REPO_ROOT, document.filePath));
  const linted = lintDocument(variant, builtins, localFiles ? { localFiles } : {});
  const [firstResult, result] = await lintRun([lintDocument(first, []), linted], {
    rulesFor: () => runRules,
    deviceFor: () => device,
    read: async (which) => (which.filePath === first.filePath ? first : variant),
  });
  const inAccounts = await Promise.all(
    accounts.map((account) => runAccountRules([{ document: variant, result: linted }], () => accountRules, { account, defaultRegion: 'us-east-1' })),
  );
  const ofRequest = (message: Diagnostic) => (message.requestIndex ?? 0) === index;
  return [
    ...result!.messages.filter(ofRequest).map((message) => `${message.ruleId} ${message.path}`),
    ...firstResult!.messages.map((message) => `${message.ruleId} (the first file) ${message.path}`),
    ...inAccounts.flatMap((found, which) =>
      (found.get(variant.filePath) ?? []).filter(ofRequest).map((message) => `${message.ruleId} (account ${which}) ${message.path}`),
    ),
  ];
}

/** The path of a finding on the request that holds the variant; undefined for one on the first file. */
function onThisRequest(finding: string): string | undefined {
  const [, where, findingPath] = /^\S+ (?:\((the first file|account \d+)\) )?(.*)$/.exec(finding)!;
  return where === 'the first file' ? undefined : findingPath;
}

const shorten = (text: string) => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

unknowns('every built-in rule declares unknownValues: checked', () => {
  assert.deepEqual(
    builtins.filter((active) => active.rule.meta.unknownValues !== 'checked').map((active) => active.id),
    [],
  );
});

unknowns('over every fixture, each part unknown or open in turn', async () => {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const requests: Array<{ where: string; document: SourceDocument; index: number; value: unknown }> = [];
  for (const file of requestFixtures) {
    const document = await readFixture(file);
    for (const request of document.requests) {
      if (request.value === undefined) continue;
      requests.push({ where: document.requests.length > 1 ? `${file} request ${request.index}` : file, document, index: request.index, value: request.value });
    }
  }
  const good = new GoodValues(requests.filter(({ where }) => where.startsWith('fixtures/good/')).map(({ value }) => value));
  const failures: string[] = [];
  const checkedRules = new Set<string>();
  let variants = 0;
  let substitutes = 0;
  for (const request of requests) {
    const cache = new Map<string, Set<string>>();
    const concrete = async (value: unknown) => {
      const key = JSON.stringify(encodeValue(value));
      let found = cache.get(key);
      if (!found) cache.set(key, (found = new Set(await findings(request.document, request.index, value))));
      return found;
    };
    for (const variant of variantsOf(request.value, good)) {
      variants++;
      const where = `${request.where} ${variant.kind} at ${toJsonPointer(variant.at) || '(the request)'}`;
      const found = await findings(request.document, request.index, variant.value);
      for (const finding of found) checkedRules.add(finding.slice(0, finding.indexOf(' ')));
      const through = toJsonPointer(variant.at);
      for (const finding of found) {
        const findingPath = onThisRequest(finding);
        if (variant.kind === 'unknown' && findingPath !== undefined && (findingPath === through || findingPath.startsWith(`${through}/`)))
          failures.push(`${where}: ${finding} lies through the unknown`);
      }
      const unproven = new Set(found);
      for (const substitute of variant.substitutes) {
        substitutes++;
        const truth = await concrete(substitute.value);
        for (const finding of unproven) {
          if (truth.has(finding)) continue;
          unproven.delete(finding);
          failures.push(`${where}: ${finding}, but not when it is ${shorten(substitute.label)}`);
        }
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `  ${requestFixtures.length} fixtures, ${requests.length} requests, ${variants} unknown or open parts, ${substitutes} substitutes: ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s CPU)`,
  );
  assert.deepEqual(failures.slice(0, 40), [], `${failures.length} findings do not hold whatever the unknown is`);
  // A rule with no finding on any variant would be declared checked without proof.
  assert.deepEqual(
    // Source rules' findings come from the text as the reader reads it, not from a request value.
    builtins.filter((active) => active.rule.meta.findings !== 'reader' && !checkedRules.has(active.id)).map((active) => active.id),
    [],
    'rules whose findings no variant put to the test: add a bad fixture',
  );
});

unknowns.run();
