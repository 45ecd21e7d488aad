import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './run-bin.js';

/** An editor's set-up as docs/editors.md prints it: the first `language` block under `heading`. */
export function documentedConfig(heading: string, language: string): string {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/editors.md'), 'utf8');
  const section = doc.slice(doc.indexOf(heading));
  const block = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(section);
  assert.ok(block, `docs/editors.md has a ${language} block under ${heading}`);
  return block[1]!;
}

/**
 * The bad request the editor tests open. The finding on `otaUpdateId` follows characters outside
 * the BMP on its line: editors count bytes or characters, the server UTF-16 units, so a wrong
 * conversion on either side moves the column.
 */
export const EDITOR_REQUEST = `{
  "description": "🚀 固件", "otaUpdateId": "fw 1.2",
  "targets": ["arn:aws:iot:us-east-1:123456789012:thinggroup/sensors"],
  "protocols": ["mqtt"],
  "files": [{ "fileName": "firmware.bin", "fileLocation": { "stream": { "streamId": "fw", "fileId": 0 } }, "codeSigning": { "awsSignerJobId": "job-1" } }],
  "roleArn": "arn:aws:iam::123456789012:role/ota-update-role"
}
`;
