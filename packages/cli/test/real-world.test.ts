// The real-world audit as a test: every collected request draws exactly the findings sources.json
// lists, no request AWS accepted draws an error, and every failed one draws at least one finding.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { suite } from 'uvu';
import { auditCorpus, CORPUS, corpusRequests, NO_ERROR_OUTCOMES } from '../../../scripts/lib/real-world.mjs';

const test = suite('real-world requests, linted with no config');
const OUTCOMES = [...NO_ERROR_OUTCOMES, 'device-rejected', 'cli-rejected'];

test('sources.json lists every request file of fixtures/real-world, each with a source and a known outcome', () => {
  const requests = corpusRequests();
  const files = readdirSync(CORPUS).filter((name) => name.endsWith('.json') && name !== 'sources.json');
  assert.deepEqual(requests.map((request: { file: string }) => request.file).sort(), files.sort());
  for (const request of requests) {
    assert.ok(request.source.length > 0, `${request.file}: no source`);
    assert.ok(OUTCOMES.includes(request.outcome), `${request.file}: outcome ${request.outcome} is not one of ${OUTCOMES.join(', ')}`);
    const errors = request.expected.filter((finding: string) => finding.startsWith('error '));
    if (NO_ERROR_OUTCOMES.has(request.outcome)) assert.deepEqual(errors, [], `${request.file}: AWS accepted it, so no error may be expected`);
    else assert.ok(request.expected.length > 0, `${request.file}: ${request.outcome}, so its mistake must be expected`);
  }
});

test('each request draws what its source says, at that severity, and nothing else', () => {
  for (const request of auditCorpus()) {
    assert.deepEqual(request.found, request.expected, `${request.file} (${request.outcome}: ${request.what})`);
    if (NO_ERROR_OUTCOMES.has(request.outcome)) assert.equal(request.errorCount, 0, `${request.file}: AWS accepted it, yet it draws an error`);
  }
});

test.run();
