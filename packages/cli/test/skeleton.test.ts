import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { parse as parseYaml } from 'yaml';
import { locateBotocore, readBotocoreVersion, readModel } from '../../../scripts/generate-schema.mjs';
import { blobShapes, generateSkeletonModel } from '../../../scripts/generate-skeleton-model.mjs';
import { REPO_ROOT, runCli } from './helpers/run-cli.js';
import { findAwsCli, noteSkipped } from './support/programs.js';
import { isolatedAwsEnv } from './support/run-bin.js';

const test = suite('otalint skeleton');

const SCHEMA_DIR = path.join(REPO_ROOT, 'packages/core/schema');
const requestSchema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'create-ota-update.schema.json'), 'utf8'));
const skeletonModel = JSON.parse(readFileSync(path.join(SCHEMA_DIR, 'create-ota-update.skeleton.json'), 'utf8'));

/** A value reduced to its structure: keys in order, and the type (or enum value) of each placeholder. */
type Typed = string | Typed[] | Array<[string, Typed]>;
function typed(value: unknown): Typed {
  if (value === null || value instanceof Uint8Array) return 'blob';
  if (value === '__float__') return 'float';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return value === '' ? 'string' : `word:${value}`;
  if (Array.isArray(value)) return value.map(typed);
  return Object.entries(value as object).map(([key, inner]) => [key, typed(inner)] as [string, Typed]);
}
/** `0.0` would parse as the integer 0: mark floats in the text first. */
const markFloats = (text: string) => text.replace(/(:|-) 0\.0(?=,?\s*(?:#|$))/gm, '$1 "__float__"');
const structureOfJson = (text: string) => typed(JSON.parse(markFloats(text)));
const structureOfYaml = (text: string) => typed(parseYaml(markFloats(text)));
/** CLI v1 picks enum values at random: compare only that a word is there. */
const anyWord = (tree: Typed): Typed =>
  typeof tree === 'string'
    ? tree.startsWith('word:')
      ? 'word'
      : tree
    : ((tree as Typed[]).map((item) =>
        Array.isArray(item) && item.length === 2 && typeof item[0] === 'string' ? [item[0], anyWord(item[1] as Typed)] : anyWord(item as Typed),
      ) as Typed);

/** Each YAML member line: its key, whether it is marked [REQUIRED], the enum values it lists. */
function yamlMarks(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^\s*(?:- )?[A-Za-z]+:/.test(line))
    .map((line) => {
      const key = /^\s*(?:- )?([A-Za-z]+):/.exec(line)![1];
      const comment = line.includes('#') ? line.slice(line.indexOf('#')) : '';
      const valid = /Valid values are: (.*)\.$/.exec(comment)?.[1] ?? '';
      return `${key}${comment.startsWith('# [REQUIRED]') ? ' [REQUIRED]' : ''}${valid ? ` {${valid}}` : ''}`;
    });
}

function skeleton(kind?: string): string {
  const run = runCli(['skeleton', ...(kind ? [kind] : [])]);
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

/** The same tree walked from the committed schema: what the skeleton must hold. */
function expectedFromSchema(schema: Record<string, any>): Typed {
  if (schema.type === 'object' && schema.properties)
    return Object.entries(schema.properties).map(([key, inner]) => [key, expectedFromSchema(inner as object)] as [string, Typed]);
  if (schema.type === 'object') return [['KeyName', expectedFromSchema(schema.additionalProperties)]];
  if (schema.type === 'array') return [expectedFromSchema(schema.items)];
  if (schema.type === 'integer') return 'integer';
  if (schema.type === 'number') return 'float';
  if (skeletonModel.blobShapes.includes(schema['x-shape'])) return 'blob';
  return schema.enum ? `word:${schema.enum[0]}` : 'string';
}

test('input: every member of the committed schema, in its order, with a placeholder of its type', () => {
  assert.deepEqual(structureOfJson(skeleton()), expectedFromSchema(requestSchema));
  assert.equal(skeleton('input'), skeleton());
});

test('yaml-input: the same structure; [REQUIRED] exactly on required members; enum members list their values', () => {
  const text = skeleton('yaml-input');
  assert.deepEqual(structureOfYaml(text), expectedFromSchema(requestSchema));
  assert.match(text, /^otaUpdateId: '' {2}# \[REQUIRED\] The ID of the OTA update to be created\.\n/);
  assert.match(text, /\n {2}- failureType: FAILED {2}# \[REQUIRED\] .* Valid values are: FAILED, REJECTED, TIMED_OUT, ALL\.\n/);
  assert.match(text, /\n {8}inlineDocument: !!binary '' {2}# /);
  const required = yamlMarks(text)
    .filter((mark) => mark.includes('[REQUIRED]'))
    .map((mark) => mark.split(' ')[0]);
  const schemaRequired: string[] = [];
  const walk = (schema: Record<string, any>) => {
    for (const [key, inner] of Object.entries((schema.properties ?? {}) as Record<string, any>)) {
      if (schema.required?.includes(key)) schemaRequired.push(key);
      walk(inner.type === 'array' ? inner.items : inner);
    }
  };
  walk(requestSchema);
  assert.deepEqual(required, schemaRequired);
});

test('output: the CreateOTAUpdate response, strings filled with member names', () => {
  assert.deepEqual(JSON.parse(skeleton('output')), Object.fromEntries(Object.keys(skeletonModel.output.properties).map((key) => [key, key])));
});

test('the skeleton model comes from the same botocore as the request schema, and its blobs are in it', () => {
  assert.equal(skeletonModel['x-botocore-version'], requestSchema['x-botocore-version']);
  const shapes = JSON.stringify(requestSchema);
  for (const blob of skeletonModel.blobShapes) assert.ok(shapes.includes(`"x-shape": "${blob}"`) || shapes.includes(`"x-shape":"${blob}"`), blob);
});

test('the generator: blob shapes are found through structures, lists and maps', () => {
  const shapes = {
    Root: { type: 'structure', members: { a: { shape: 'List' }, b: { shape: 'Map' }, c: { shape: 'Text' } } },
    List: { type: 'list', member: { shape: 'Inner' } },
    Inner: { type: 'structure', members: { sig: { shape: 'Sig' } } },
    Map: { type: 'map', key: { shape: 'Text' }, value: { shape: 'Bytes' } },
    Text: { type: 'string' },
    Sig: { type: 'blob' },
    Bytes: { type: 'blob' },
  };
  assert.deepEqual(blobShapes(shapes, 'Root'), ['Sig', 'Bytes']);
});

const botocore = locateBotocore();
const sameBotocore = botocore !== undefined && readBotocoreVersion(botocore) === skeletonModel['x-botocore-version'];
if (!sameBotocore) noteSkipped('the skeleton model regeneration check', `botocore ${skeletonModel['x-botocore-version']} is not installed`);
(sameBotocore ? test : test.skip)('the committed skeleton model is what the installed botocore generates (same version)', () => {
  assert.deepEqual(generateSkeletonModel(readModel(botocore!), readBotocoreVersion(botocore!)), skeletonModel);
});

test('usage: an unknown kind is exit 2', () => {
  const run = runCli(['skeleton', 'yaml-output']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /Unknown skeleton "yaml-output"; use one of: input, yaml-input, output\./);
});

// The real AWS CLI, where installed (CI installs v2 from Debian; v1 comes with the machine's pyenv).
function aws(cli: string, args: readonly string[]): string {
  const run = spawnSync(cli, ['iot', 'create-ota-update', '--generate-cli-skeleton', ...args], {
    encoding: 'utf8',
    env: isolatedAwsEnv({ AWS_DEFAULT_REGION: 'us-east-1' }),
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}
const OUTPUT_ARGS = ['--ota-update-id', 'x', '--targets', 'a', '--files', 'fileName=a', '--role-arn', 'arn:aws:iam::123456789012:role/x'];

const v2 = findAwsCli(2);
const v1 = findAwsCli(1);
if (!v2) noteSkipped('the comparisons with the AWS CLI v2', 'no AWS CLI v2 (apt-get install awscli)');
if (!v1) noteSkipped('the comparisons with the AWS CLI v1', 'no `aws` v1 found');

(v2 ? test : test.skip)('AWS CLI v2 input: same keys, same order, same placeholder types and enum values', () => {
  assert.deepEqual(structureOfJson(skeleton('input')), structureOfJson(aws(v2!, ['input'])));
});
(v2 ? test : test.skip)('AWS CLI v2 yaml-input: same structure, same [REQUIRED] marks and enum values on the same lines', () => {
  const theirs = aws(v2!, ['yaml-input']);
  const ours = skeleton('yaml-input');
  assert.deepEqual(structureOfYaml(ours), structureOfYaml(theirs));
  assert.deepEqual(yamlMarks(ours), yamlMarks(theirs));
});
(v2 ? test : test.skip)('AWS CLI v2 output: same members and values', () => {
  assert.deepEqual(structureOfJson(skeleton('output')), structureOfJson(aws(v2!, ['output', ...OUTPUT_ARGS])));
});
(v1 ? test : test.skip)('AWS CLI v1 input: same keys, same order, same placeholder types (v1 picks enum values at random)', () => {
  assert.deepEqual(anyWord(structureOfJson(skeleton('input'))), anyWord(structureOfJson(aws(v1!, ['input']))));
});
(v1 ? test : test.skip)('AWS CLI v1 output: same members and values', () => {
  assert.deepEqual(structureOfJson(skeleton('output')), structureOfJson(aws(v1!, ['output', ...OUTPUT_ARGS])));
});

test.run();
