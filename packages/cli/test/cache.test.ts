import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { runCli } from './helpers/run-cli.js';
import { badRequest, ciProject, goodRequest, json, MODEL_ONLY_CONFIG } from './helpers/ci-project.js';

const test = suite('cache');

interface CacheFile {
  key: string;
  files: Record<string, { hash: string; messages: Array<{ message: string; ruleId: string }> }>;
}
const readCache = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as CacheFile;

/**
 * Proof that a result came from the cache, without timing anything: rewrite the cached message
 * text; a run that shows the rewritten text read it from the cache, one that shows the real text
 * linted the file again.
 */
function poison(cacheFile: string, entry: string): void {
  const cache = readCache(cacheFile);
  cache.files[entry]!.messages[0]!.message = 'FROM THE CACHE';
  writeFileSync(cacheFile, JSON.stringify(cache));
}

test('--cache writes .otalint/cache.json; an unchanged file is served from it with the same exit code', () => {
  const cwd = ciProject({ 'a.json': json(badRequest()), 'b.json': json(goodRequest()) });
  const first = runCli(['.', '--cache'], { cwd });
  assert.equal(first.status, 1);
  const cacheFile = path.join(cwd, '.otalint/cache.json');
  const cache = readCache(cacheFile);
  assert.deepEqual(Object.keys(cache.files), ['../a.json', '../b.json']);

  poison(cacheFile, '../a.json');
  const second = runCli(['.', '--cache', '--format', 'json'], { cwd });
  assert.equal(second.status, 1, 'cached errors still fail the run');
  assert.match(second.stdout, /FROM THE CACHE/);
  assert.match(second.stdout, /"fingerprint": "[0-9a-f]{32}:1"/, 'fingerprints are cached with the findings');
});

test('editing the file, the config, or the options re-lints', () => {
  const cwd = ciProject({ 'a.json': json(badRequest()) });
  const cacheFile = path.join(cwd, '.otalint/cache.json');
  runCli(['a.json', '--cache'], { cwd });

  poison(cacheFile, '../a.json');
  writeFileSync(path.join(cwd, 'a.json'), `${json(badRequest())}\n`);
  assert.doesNotMatch(runCli(['a.json', '--cache'], { cwd }).stdout, /FROM THE CACHE/, 'the text changed');

  poison(cacheFile, '../a.json');
  writeFileSync(path.join(cwd, '.otalintrc.json'), json([...MODEL_ONLY_CONFIG, { ignores: ['other/**'], rules: {} }]));
  assert.doesNotMatch(runCli(['a.json', '--cache'], { cwd }).stdout, /FROM THE CACHE/, 'the config changed');

  poison(cacheFile, '../a.json');
  assert.doesNotMatch(runCli(['a.json', '--cache', '--rule', 'aws-api-model:warn'], { cwd }).stdout, /FROM THE CACHE/, '--rule changed');
});

test('--cache-location; an unreadable cache is ignored and rewritten; --cache-location alone is a usage error', () => {
  const cwd = ciProject({ 'a.json': json(goodRequest()) });
  assert.equal(runCli(['a.json', '--cache', '--cache-location', 'tmp/lint-cache.json'], { cwd }).status, 0);
  assert.ok(existsSync(path.join(cwd, 'tmp/lint-cache.json')));
  assert.ok(!existsSync(path.join(cwd, '.otalint/cache.json')));

  writeFileSync(path.join(cwd, 'tmp/lint-cache.json'), '{ not json');
  const recovered = runCli(['a.json', '--cache', '--cache-location', 'tmp/lint-cache.json'], { cwd });
  assert.equal(recovered.status, 0, recovered.stderr);
  assert.deepEqual(Object.keys(readCache(path.join(cwd, 'tmp/lint-cache.json')).files), ['../a.json']);

  const alone = runCli(['a.json', '--cache-location', 'x.json'], { cwd });
  assert.equal(alone.status, 2);
  assert.match(alone.stderr, /--cache-location needs --cache/);
});

test('unused config suppressions are found on cached runs too', () => {
  const config = [
    ...MODEL_ONLY_CONFIG,
    {
      suppressions: [
        { files: 'a.json', path: '/otaUpdateId', rule: 'aws-api-model', reason: 'legacy id, renamed in Q3' },
        { files: 'a.json', path: '/description', rule: 'aws-api-model', reason: 'stale' },
      ],
    },
  ];
  const cwd = ciProject({ 'a.json': json(badRequest()) }, config);
  for (const run of [1, 2]) {
    const result = runCli(['a.json', '--cache', '--format', 'json'], { cwd });
    const report = JSON.parse(result.stdout) as { results: Array<{ filePath: string; messages: Array<{ ruleId: string; path: string; line: number }> }> };
    // Line 15 of .otalintrc.json opens the second suppression entry.
    const summary = report.results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.path}`));
    assert.deepEqual(summary, ['a.json:12 aws-api-model /files/0/fileLocation/stream/fileId', '.otalintrc.json:15 unused-suppression '], `run ${run}`);
  }
});

test.run();
