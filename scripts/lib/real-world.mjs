// The real-world audit: the requests in fixtures/real-world, collected from AWS and FreeRTOS docs,
// AWS's own end-to-end tests and threads where updates failed, linted by the built `otalint` as a
// new user runs it (no config: the `recommended` preset), against what sources.json says each must
// draw. Shared by scripts/audit-real-world.mjs (prints it) and packages/cli/test/real-world.test.ts.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './rule-catalogue.mjs';

export const CORPUS = path.join(ROOT, 'fixtures/real-world');
const BIN = path.join(ROOT, 'packages/cli/bin/otalint.cjs');

/** Outcomes where AWS accepted the request and no report says devices failed: no error may be reported. */
export const NO_ERROR_OUTCOMES = new Set(['applied', 'accepted', 'corrected']);

/** The collected requests: { file, source, url?, outcome, what, expected: ["severity ruleId path", ...] }. */
export function corpusRequests() {
  return JSON.parse(readFileSync(path.join(CORPUS, 'sources.json'), 'utf8')).requests;
}

/**
 * Lint each collected request alone, as the user it comes from would (one run of the built binary
 * per file, from a folder outside the repository, so no config applies), and compare its findings
 * with what it must draw.
 */
export function auditCorpus() {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-audit-'));
  try {
    return corpusRequests().map((request) => {
      copyFileSync(path.join(CORPUS, request.file), path.join(dir, request.file));
      const result = lintAlone(dir, request.file);
      const found = result.messages.map((message) => `${message.severity} ${message.ruleId} ${message.path}`);
      return {
        ...request,
        found,
        errorCount: result.errorCount,
        missing: request.expected.filter((finding) => !found.includes(finding)),
        unexpected: found.filter((finding) => !request.expected.includes(finding)),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The JSON report's result for one file, linted by the built binary with no config. */
function lintAlone(cwd, file) {
  const run = spawnSync(process.execPath, [BIN, '--format', 'json', file], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    timeout: 60_000,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`otalint ${file} exited with ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout).results[0];
}
