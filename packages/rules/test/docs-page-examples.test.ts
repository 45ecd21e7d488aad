// Every rule's docs page shows incorrect and correct requests, and users trust them: each block
// runs through its rule (typescript-eslint does the same for its docs). An incorrect example draws
// at least one finding of the rule, a correct one none. Deep checks run against the account the
// pages describe, and rules that read the firmware on disk with the files the pages name; a run
// rule's block holds several files, each after a `// name` line. A block that is not a request says
// so: ```json abridged (a placeholder stands for 4 KB of text), ```js setup (config, commands, or a
// command whose files are where the user runs it, not here).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import { isAccountRule } from '@otalint/core/engine';
import type { AnyRule } from '@otalint/core';
import { checkWithAccountRule, lintRunWithRule, lintWithRule, prepareCase, type CaseFormat } from '@otalint/core/testing';
import * as api from '../src/index.js';
import { DOCS_DIR, sections } from '../../../scripts/lib/rule-catalogue.mjs';
import { IOT_TRUST, memoryAccount } from './support/account.js';
import { materialPath } from './support/material.js';

/** What a fence's language reads as. */
const FENCE_FORMATS: Record<string, CaseFormat> = {
  json: 'json',
  yaml: 'yaml',
  ts: 'javascript',
  js: 'javascript',
  python: 'python',
  sh: 'shell',
  bash: 'shell',
};
const MiB = 1024 * 1024;
const ACM = 'arn:aws:acm:us-east-1:123456789012:certificate';
const ROLE = 'arn:aws:iam::123456789012:role';

/** The account the deep checks' pages describe ("With `revoked_profile` revoked in AWS Signer."). */
const docsAccount = memoryAccount({
  buckets: { 'afr-ota-firmware': 'Enabled', 'afr-ota-unversioned': 'Never', 'afr-ota-signed': 'Enabled' },
  objects: {
    'afr-ota-firmware/fw.bin': { size: MiB, versions: ['3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY', 'v1'] },
    'afr-ota-firmware/full-image-6MiB.bin': { size: 6 * MiB, versions: ['v1'] },
    'afr-ota-firmware/app-1MiB.bin': { size: MiB, versions: ['v1'] },
  },
  roles: {
    [`${ROLE}/ota-update-role`]: IOT_TRUST,
    [`${ROLE}/ota-role-without-passrole`]: IOT_TRUST,
    [`${ROLE}/lambda-only-role`]: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
  },
  permissions: { [`iam:PassRole ${ROLE}/ota-role-without-passrole`]: 'not-allowed' },
  thingGroups: ['eu-west-1/fleet-that-is-in-eu-west-1'],
  updates: { 'us-east-1/fw-2024-03-rollout': 'CREATE_COMPLETE' },
  streams: { fw_stream: [0] },
  profiles: {
    ota_profile: { status: 'Active', platformId: 'AmazonFreeRTOS-TI-CC3220SF', certificateArn: `${ACM}/old` },
    revoked_profile: { status: 'Revoked' },
  },
  jobs: { 'a1b2c3-failed-job': { status: 'Failed', statusReason: 'Access denied to the source object' }, 'd4e5f6-succeeded-job': { status: 'Succeeded' } },
  certificates: {
    [`${ACM}/expired-2023`]: { status: 'EXPIRED', notAfter: new Date('2023-06-30') },
    [`${ACM}/valid-2027`]: { status: 'ISSUED', notAfter: new Date('2027-06-30') },
  },
});

/** The files on disk the pages of firmware rules name, as config would map them. */
const docsLocalFiles = {
  firmware: { 's3://afr-ota-firmware/app/1.5.0/app.bin': materialPath('firmware-tampered.bin') },
  certificates: { '/certs/ota_signer.crt': materialPath('ec-p256.crt') },
};

/** Rules whose examples are read where they apply: a command shown in a README. */
const READ_AS: Record<string, (code: string, language: string) => { code: string; format: CaseFormat }> = {
  'doc-placeholder': (code, language) => ({ code: `# Releasing\n\n\`\`\`${language}\n${code}\`\`\`\n`, format: 'markdown' }),
};

interface Example {
  readonly kind: 'Incorrect' | 'Correct';
  readonly language: string;
  /** `abridged` or `setup`: shown, not run. */
  readonly marker: string | undefined;
  readonly code: string;
}

function examplesOf(id: string): Example[] {
  const page = readFileSync(path.join(DOCS_DIR, `${id}.md`), 'utf8');
  const examples = sections(page).get('Examples') ?? '';
  return (['Incorrect', 'Correct'] as const).flatMap((kind) => {
    const start = examples.indexOf(`### ${kind}\n`);
    const part = examples.slice(start).split(/\n(?=### )/)[0]!;
    return [...part.matchAll(/^```(\w+)(?: (\S+))?\n([\s\S]*?)^```$/gm)].map(([, language, marker, code]) => ({
      kind,
      language: language!,
      marker,
      code: code!,
    }));
  });
}

/** `// name` lines split a run rule's block into its files. */
function filesOf(code: string, extension: string): Record<string, string> {
  const files: Record<string, string> = {};
  let name: string | undefined;
  for (const line of code.split('\n')) {
    const header = /^\/\/ (\S+)$/.exec(line);
    if (header) name = header[1]!;
    else if (name !== undefined) files[name] = `${files[name] ?? ''}${line}\n`;
  }
  assert.ok(Object.keys(files).length > 0, `a run rule's example holds its files, each after a "// name.${extension}" line`);
  return files;
}

async function findingsOf(rule: AnyRule, example: Example): Promise<string[]> {
  const fenced = FENCE_FORMATS[example.language];
  assert.ok(fenced, `\`\`\`${example.language}: no format for this language (FENCE_FORMATS in ${path.basename(import.meta.url)})`);
  const { code, format } = READ_AS[rule.meta.id]?.(example.code, example.language) ?? { code: example.code, format: fenced };
  const describe = (message: { ruleId: string; message: string }) => `${message.ruleId}: ${message.message}`;
  if (isAccountRule(rule)) {
    return (await checkWithAccountRule(rule, { code, format, account: docsAccount, region: 'us-east-1' })).map(describe);
  }
  if (rule.meta.scope === 'run') {
    const results = await lintRunWithRule(rule, filesOf(code, example.language));
    return results.flatMap((result) => result.messages.filter((message) => message.ruleId === rule.meta.id)).map(describe);
  }
  await prepareCase({ code, format });
  return lintWithRule(rule, { code, format }, undefined, undefined, docsLocalFiles).map(describe);
}

for (const rule of Object.values(api.rules)) {
  const { id } = rule.meta;
  test(`the examples on the page of ${id} are what they say`, async () => {
    const examples = examplesOf(id);
    assert.ok(examples.length > 0, `${id}: no examples`);
    for (const example of examples) {
      const where = `${id}: ${example.kind} \`\`\`${example.language}${example.marker ? ` ${example.marker}` : ''}`;
      assert.ok(example.marker === undefined || example.marker === 'abridged' || example.marker === 'setup', `${where}: the markers are abridged and setup`);
      if (example.marker === 'abridged') assert.match(example.code, /<[^>\n]+>|\.\.\./, `${where}: an abridged example shows where it is cut (<...> or ...)`);
      if (example.marker !== undefined) continue;
      const found = await findingsOf(rule, example);
      if (example.kind === 'Correct') assert.deepEqual(found, [], `${where} draws findings`);
      else
        assert.ok(
          found.some((finding) => finding.startsWith(`${id}: `)),
          `${where} draws no ${id} finding`,
        );
    }
  });
}

test.run();
