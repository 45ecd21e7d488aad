// The real-world audit, printed: each collected request (fixtures/real-world/sources.json), what
// happened to it, what `otalint` with no config reports on it, and the totals. Exits 1 when a
// finding is missing or unexpected, or an accepted request draws an error.
// Usage: node scripts/build.mjs && node scripts/audit-real-world.mjs
import { auditCorpus, NO_ERROR_OUTCOMES } from './lib/real-world.mjs';

const audited = auditCorpus();
for (const request of audited) {
  console.log(`${request.file}  [${request.outcome}]`);
  console.log(`  source: ${request.source}${request.url ? ` <${request.url}>` : ''}`);
  for (const finding of request.found) console.log(`  ${request.expected.includes(finding) ? '  ' : '+ '}${finding}`);
  for (const finding of request.missing) console.log(`  - ${finding} (expected, not reported)`);
  if (request.found.length === 0 && request.missing.length === 0) console.log('    (nothing reported)');
}

const fine = audited.filter((request) => NO_ERROR_OUTCOMES.has(request.outcome));
const failed = audited.filter((request) => !NO_ERROR_OUTCOMES.has(request.outcome));
const count = (requests, severity) => requests.flatMap((request) => request.found).filter((finding) => finding.startsWith(`${severity} `)).length;
const caught = failed.filter((request) => request.expected.length > 0 && request.missing.length === 0);
const falseErrors = fine.filter((request) => request.errorCount > 0);
const drift = audited.filter((request) => request.missing.length > 0 || request.unexpected.length > 0);

console.log('');
console.log(`${audited.length} requests from ${new Set(audited.map((request) => request.url ?? request.source)).size} sources`);
console.log(`  accepted by AWS and applied (or corrected): ${fine.length}; errors on them: ${count(fine, 'error')}; warnings: ${count(fine, 'warning')}`);
console.log(
  `  rejected by the CLI or failed on devices: ${failed.length}; caught: ${caught.length} (findings: ${count(failed, 'error')} errors, ${count(failed, 'warning')} warnings)`,
);
console.log(`  findings not as sources.json expects: ${drift.length}`);
process.exitCode = falseErrors.length > 0 || drift.length > 0 || caught.length < failed.length ? 1 : 0;
