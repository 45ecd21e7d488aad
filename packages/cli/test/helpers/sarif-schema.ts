import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { githubSarifProblems } from '../support/github-sarif.js';

const schema = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../schemas/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
/** The OASIS SARIF 2.1.0 schema, with its formats. */
export const validateSarif = ajv.compile(schema);

/** What every log otalint writes must pass: the 2.1.0 schema, and GitHub code scanning's upload rules. */
export function assertUploadable(log: unknown, what = 'log'): void {
  assert.ok(validateSarif(log), `${what}: not valid SARIF 2.1.0: ${ajv.errorsText(validateSarif.errors, { separator: '\n' })}`);
  assert.deepEqual(githubSarifProblems(log), [], `${what}: breaks GitHub's upload rules`);
}
