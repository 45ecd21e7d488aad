import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  anchorPattern,
  generateMemberDocs,
  generateSchema,
  htmlToMarkdown,
  locateBotocore,
  readBotocoreVersion,
  readModel,
  renderSchema,
  summarize,
} from '../../../scripts/generate-schema.mjs';
import { buildValidatorSource, ANNOTATION_KEYWORDS, AJV_OPTIONS } from '../../../scripts/build-validator.mjs';

const schemaFile = fileURLToPath(new URL('../schema/create-ota-update.schema.json', import.meta.url));
const docsFile = fileURLToPath(new URL('../schema/create-ota-update.docs.json', import.meta.url));
const validatorFile = fileURLToPath(new URL('../src/schema/generated/validate-request.ts', import.meta.url));
const committed = readFileSync(schemaFile, 'utf8');
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
const committedSchema = suite('schema: the committed file');

// The byte-for-byte check needs the botocore the schema was made from; without it, it is skipped
// (counted as such), never passed.
const botocore = locateBotocore();
const botocoreVersion = botocore === undefined ? undefined : readBotocoreVersion(botocore);
const committedVersion = JSON.parse(committed)['x-botocore-version'];
if (botocoreVersion !== committedVersion) {
  console.log(
    botocoreVersion === undefined
      ? '  (the schema regeneration check skipped: python3/botocore not available)'
      : `  (the schema regeneration check skipped: botocore ${botocoreVersion} is installed, the schema is from ${committedVersion}; run pnpm generate to update)`,
  );
}
(botocoreVersion === committedVersion ? committedSchema : committedSchema.skip)('regenerating from the installed botocore gives the committed bytes', () => {
  const text = renderSchema(generateSchema(readModel(botocore!), botocoreVersion!));
  assert.ok(text === committed, 'packages/core/schema/create-ota-update.schema.json is out of date: run pnpm generate');
});

(botocoreVersion === committedVersion ? committedSchema : committedSchema.skip)(
  "the members' documentation: regenerating gives the committed bytes; every member's whole text, as Markdown",
  () => {
    const text = renderSchema(generateMemberDocs(readModel(botocore!), botocoreVersion!));
    assert.ok(text === readFileSync(docsFile, 'utf8'), 'packages/core/schema/create-ota-update.docs.json is out of date: run pnpm generate');
    const { members } = JSON.parse(text) as { members: Record<string, string> };
    assert.match(members['targetSelection']!, /even after the update was completed by all things originally in the group/);
    assert.match(members['awsJobTimeoutConfig.inProgressTimeoutInMinutes']!, /terminal `TIMED_OUT` status\.$/);
    assert.ok(members['files[].fileLocation.stream.fileId']);
    for (const [key, markdown] of Object.entries(members)) assert.not.match(markdown, /<\/?[a-z]+[^>]*>/, `${key}: no HTML left`);
  },
);

committedSchema('is deterministic: 2-space indent, trailing newline, re-rendering is identity', () => {
  assert.ok(committed.endsWith('}\n'));
  assert.ok(committed.startsWith('{\n  "$schema": '));
  assert.is(renderSchema(JSON.parse(committed)), committed);
});

committedSchema('carries the model versions and the constraints of the domain notes', () => {
  const schema = JSON.parse(committed);
  assert.is(schema['x-api-version'], '2015-05-28');
  assert.match(schema['x-botocore-version'], /^\d+\.\d+\.\d+$/);
  assert.is(schema['x-shape'], 'CreateOTAUpdateRequest');
  assert.equal(schema.required, ['otaUpdateId', 'targets', 'files', 'roleArn']);
  assert.is(schema.additionalProperties, false);
  const p = schema.properties;
  assert.equal(
    { ...p.otaUpdateId, description: undefined },
    { description: undefined, 'x-shape': 'OTAUpdateId', type: 'string', minLength: 1, maxLength: 128, pattern: '^(?:[a-zA-Z0-9_-]+)$' },
  );
  assert.is(p.otaUpdateId.description, 'The ID of the OTA update to be created.');
  assert.is(p.description.pattern, '^(?:[^\\p{C}]+)$');
  assert.is(p.description.maxLength, 2028);
  assert.equal([p.protocols.minItems, p.protocols.maxItems, p.protocols.items.enum], [1, 2, ['MQTT', 'HTTP']]);
  const file = p.files.items;
  assert.is(file.additionalProperties, false);
  assert.equal([file.properties.fileType.type, file.properties.fileType.minimum, file.properties.fileType.maximum], ['integer', 0, 255]);
  assert.is(p.files.maxItems, undefined);
  assert.is(file.properties.codeSigning.properties.customCodeSigning.properties.signature.properties.inlineDocument.type, 'string');
  assert.is(file.properties.codeSigning.properties.customCodeSigning.properties.signature.properties.inlineDocument['x-shape'], 'Signature');
  assert.equal(file.properties.attributes.additionalProperties.maxLength, 4096);
  assert.is(file.properties.attributes.type, 'object');
  const criteria = p.awsJobAbortConfig.properties.abortCriteriaList.items;
  assert.equal(criteria.required, ['failureType', 'action', 'thresholdPercentage', 'minNumberOfExecutedThings']);
  assert.equal([criteria.properties.thresholdPercentage.type, criteria.properties.thresholdPercentage.maximum], ['number', 100]);
  assert.is(p.awsJobPresignedUrlConfig.properties.expiresInSec.type, 'integer');
  assert.is(p.tags.items.properties.Key.pattern, '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$');
  // HTML is stripped from descriptions
  assert.not.match(committed, /<\/?p>/);
});

committedSchema('every structure forbids unknown members', () => {
  const schema = JSON.parse(committed);
  let structures = 0;
  (function walk(node: any): void {
    if (node.type === 'object' && node.properties) {
      structures++;
      assert.is(node.additionalProperties, false, node['x-shape']);
      Object.values(node.properties).forEach(walk);
    } else if (node.type === 'object' && typeof node.additionalProperties === 'object') {
      walk(node.additionalProperties);
    } else if (node.type === 'array') {
      walk(node.items);
    }
  })(schema);
  assert.ok(structures >= 20, `only ${structures} structures`);
});

committedSchema('ajv compiles it in strict mode; the precompiled validator is up to date', () => {
  const source = buildValidatorSource(committed);
  assert.ok(source === readFileSync(validatorFile, 'utf8'), 'validate-request.ts is out of date: run node scripts/build.mjs');
  assert.not.match(source, /\brequire\(/);
  assert.match(source, /^\/\/ @ts-nocheck/);
  assert.equal(ANNOTATION_KEYWORDS, ['x-shape', 'x-botocore-version', 'x-api-version']);
  assert.is(AJV_OPTIONS.allErrors, true);
  assert.is(AJV_OPTIONS.unicodeRegExp, true);
  assert.ok(require.resolve('ajv/package.json', { paths: [fileURLToPath(new URL('..', import.meta.url))] }));
});

// ---------------------------------------------------------------------------------------------
const generator = suite('schema: generateSchema on a small model');

const tinyModel = {
  metadata: { apiVersion: '2001-01-01' },
  shapes: {
    CreateOTAUpdateRequest: {
      type: 'structure',
      required: ['id', 'nope'],
      members: {
        id: { shape: 'Id', documentation: '<p>The <b>ID</b> &amp; more, e.g. a name. Second sentence.</p>' },
        count: { shape: 'Count' },
        big: { shape: 'Big' },
        ratio: { shape: 'Ratio' },
        flag: { shape: 'Flag' },
        data: { shape: 'Data' },
        when: { shape: 'When' },
        items: { shape: 'Items' },
        map: { shape: 'Map' },
        anchored: { shape: 'Anchored' },
        kind: { shape: 'Kind' },
      },
    },
    Id: { type: 'string', min: 1, max: 8, pattern: '[a-z]+', documentation: '<p>Shape doc.</p>' },
    Count: { type: 'integer', min: 0, max: 9 },
    Big: { type: 'long' },
    Ratio: { type: 'double', max: 1.5 },
    Flag: { type: 'boolean' },
    Data: { type: 'blob' },
    When: { type: 'timestamp' },
    Items: { type: 'list', member: { shape: 'Id' }, min: 1, max: 3 },
    Map: { type: 'map', key: { shape: 'MapKey' }, value: { shape: 'Count' } },
    MapKey: { type: 'string', max: 5 },
    Anchored: { type: 'string', pattern: '^x$' },
    Kind: { type: 'string', enum: ['A', 'B'] },
  },
};

generator('maps each model type and constraint', () => {
  const schema: Record<string, any> = generateSchema(tinyModel, '9.9.9');
  assert.is(schema['x-botocore-version'], '9.9.9');
  assert.is(schema['x-api-version'], '2001-01-01');
  assert.equal(schema.required, ['id'], 'required names that are not members are dropped');
  const p = schema.properties;
  assert.equal(p.id, {
    description: 'The ID & more, e.g. a name.',
    'x-shape': 'Id',
    type: 'string',
    minLength: 1,
    maxLength: 8,
    pattern: '^(?:[a-z]+)$',
  });
  assert.equal(p.count, { 'x-shape': 'Count', type: 'integer', minimum: 0, maximum: 9 });
  assert.equal(p.big, { 'x-shape': 'Big', type: 'integer' });
  assert.equal(p.ratio, { 'x-shape': 'Ratio', type: 'number', maximum: 1.5 });
  assert.equal(p.flag, { 'x-shape': 'Flag', type: 'boolean' });
  assert.equal(p.data, { 'x-shape': 'Data', type: 'string' });
  assert.equal(p.when, { 'x-shape': 'When', type: 'string' });
  assert.equal(p.items, {
    'x-shape': 'Items',
    type: 'array',
    items: { description: 'Shape doc.', 'x-shape': 'Id', type: 'string', minLength: 1, maxLength: 8, pattern: '^(?:[a-z]+)$' },
    minItems: 1,
    maxItems: 3,
  });
  assert.equal(p.map, {
    'x-shape': 'Map',
    type: 'object',
    propertyNames: { 'x-shape': 'MapKey', maxLength: 5 },
    additionalProperties: { 'x-shape': 'Count', type: 'integer', minimum: 0, maximum: 9 },
  });
  assert.is(p.anchored.pattern, '^x$');
  assert.equal(p.kind.enum, ['A', 'B']);
  assert.is(schema.additionalProperties, false);
});

generator('is deterministic', () => {
  assert.is(renderSchema(generateSchema(tinyModel, '1.0.0')), renderSchema(generateSchema(structuredClone(tinyModel), '1.0.0')));
});

generator('refuses recursive shapes and unknown types', () => {
  const recursive = { metadata: {}, shapes: { CreateOTAUpdateRequest: { type: 'structure', members: { self: { shape: 'CreateOTAUpdateRequest' } } } } };
  assert.throws(() => generateSchema(recursive, '1'), /recursive shape/);
  const odd = { metadata: {}, shapes: { CreateOTAUpdateRequest: { type: 'structure', members: { x: { shape: 'X' } } }, X: { type: 'document' } } };
  assert.throws(() => generateSchema(odd, '1'), /unsupported type document/);
});

generator('anchorPattern and summarize', () => {
  assert.is(anchorPattern('[a-z]+'), '^(?:[a-z]+)$');
  assert.is(anchorPattern('a|b'), '^(?:a|b)$');
  assert.is(anchorPattern('^([a-z]*)$'), '^([a-z]*)$');
  assert.is(anchorPattern('^a\\$'), '^(?:^a\\$)$');
  assert.is(summarize('<p>One. Two.</p>'), 'One.');
  assert.is(summarize('<p>Use &lt;b&gt;, i.e. this. Then.</p>'), 'Use <b>, i.e. this.');
  assert.is(summarize('no full stop'), 'no full stop');
  assert.is(summarize(''), undefined);
  assert.is(summarize(undefined), undefined);
});

generator('htmlToMarkdown: paragraphs, code, links, emphasis, lists, notes, entities; text that would be Markdown is escaped', () => {
  assert.is(htmlToMarkdown('<p>One.  Two\n three.</p><p>Four <code>MQTT</code>.</p>'), 'One. Two three.\n\nFour `MQTT`.');
  assert.is(
    htmlToMarkdown('<p>See <a href="https://docs.aws.amazon.com/iot/">the guide</a>, <b>bold</b> and <i>slanted</i>.</p>'),
    'See [the guide](https://docs.aws.amazon.com/iot/), **bold** and _slanted_.',
  );
  assert.is(htmlToMarkdown('<p>Values:</p><ul><li><p><code>A</code>: first</p></li><li>second</li></ul>'), 'Values:\n\n- `A`: first\n- second');
  assert.is(htmlToMarkdown('<ol><li>one</li><li>two</li></ol>'), '1. one\n2. two');
  assert.is(htmlToMarkdown('<p>Text.</p><note><p>Careful.</p></note>'), 'Text.\n\n> **Note:** Careful.');
  assert.is(htmlToMarkdown('<p>a &lt;b&gt; &amp; *c* `d`</p>'), 'a <b> & \\*c\\* \\`d\\`');
  assert.is(htmlToMarkdown(''), undefined);
  assert.is(htmlToMarkdown(undefined), undefined);
});

for (const s of [committedSchema, generator]) s.run();
