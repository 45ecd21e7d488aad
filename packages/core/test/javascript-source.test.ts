import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import { readSource } from '../src/document/source-kinds.js';
import { parseScript } from '../src/document/sources/javascript/parse.js';
import { readJavaScriptProgram } from '../src/document/sources/javascript/program.js';
import type { RequestDocument, SourceDocument } from '../src/document/types.js';
import { encodeValue } from '../src/value/codec.js';

const test = suite('javascript source kind');
const read = (text: string, file = 'ota.ts'): SourceDocument => readSource(file, text);
const values = (document: SourceDocument) => document.requests.map((request) => encodeValue(request.value));
const only = (text: string, file?: string): RequestDocument => {
  const document = read(text, file);
  assert.equal(document.requests.length, 1, `expected one request, found ${document.requests.length}`);
  return document.requests[0]!;
};
const spanText = (text: string, span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);
const SDK = "import { IoT, IoTClient, CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\n";

test('the kind claims TypeScript and JavaScript files, and reads only those that name the operation', () => {
  for (const file of ['a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.js', 'a.mjs', 'a.cjs', 'a.jsx']) assert.equal(read('', file).kind, 'javascript', file);
  assert.equal(read('this is not { valid', 'broken.ts').problems.length, 0, 'a file without a CreateOTAUpdate form is not ours to parse');
});

test('v3 command, v3 aggregated client and v2 (with .promise() and a callback) are requests', () => {
  const text = `${SDK}import AWS from 'aws-sdk';
const client = new IoTClient({});
await client.send(new CreateOTAUpdateCommand({ otaUpdateId: 'a' }));
await new IoT({}).createOTAUpdate({ otaUpdateId: 'b' });
await new AWS.Iot().createOTAUpdate({ otaUpdateId: 'c' }).promise();
new AWS.Iot().createOTAUpdate({ otaUpdateId: 'd' }, (error, data) => console.log(error, data));
`;
  const document = read(text);
  assert.deepEqual(values(document), [{ otaUpdateId: 'a' }, { otaUpdateId: 'b' }, { otaUpdateId: 'c' }, { otaUpdateId: 'd' }]);
  assert.equal(spanText(text, document.requests[0]!.span), "new CreateOTAUpdateCommand({ otaUpdateId: 'a' })");
  assert.equal(spanText(text, document.requests[2]!.span), "new AWS.Iot().createOTAUpdate({ otaUpdateId: 'c' })");
});

test('objects declared CreateOTAUpdateRequest / CreateOTAUpdateCommandInput (annotation or satisfies) are requests', () => {
  const text = `import type { CreateOTAUpdateCommandInput } from '@aws-sdk/client-iot';
import type { Iot } from 'aws-sdk';
const a: CreateOTAUpdateCommandInput = { otaUpdateId: 'a' };
const b = { otaUpdateId: 'b' } satisfies CreateOTAUpdateCommandInput;
export const c: Iot.CreateOTAUpdateRequest = { otaUpdateId: 'c' };
const partial: Partial<CreateOTAUpdateCommandInput> = { otaUpdateId: 'not a request' };
const cast = { otaUpdateId: 'not a request either' } as CreateOTAUpdateCommandInput;
`;
  assert.deepEqual(values(read(text)), [{ otaUpdateId: 'a' }, { otaUpdateId: 'b' }, { $unknown: 'c: Iot.CreateOTAUpdateRequest', $reason: 'variable' }]);
});

test("CDK's AwsCustomResource CreateOTAUpdate call is a request; its blob is unknown (the handler converts it); other actions are not", () => {
  const text = `import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
new AwsCustomResource(this, 'Ota', {
  onCreate: { service: 'Iot', action: 'createOTAUpdate', parameters: { otaUpdateId: 'fw', roleArn: role.roleArn, files: [{ codeSigning: { customCodeSigning: { signature: { inlineDocument: 'MEUCIQ==' } } } }] } },
  onUpdate: { service: '@aws-sdk/client-iot', action: 'CreateOTAUpdateCommand', parameters: { otaUpdateId: 'v3-style' } },
  onDelete: { service: 'Iot', action: 'deleteOTAUpdate', parameters: { otaUpdateId: 'fw' } },
});`;
  const document = read(text);
  assert.deepEqual(values(document), [
    {
      otaUpdateId: 'fw',
      roleArn: { $unknown: 'role.roleArn', $reason: 'variable' },
      files: [{ codeSigning: { customCodeSigning: { signature: { inlineDocument: { $unknown: "'MEUCIQ=='", $reason: 'expression' } } } } }],
    },
    { otaUpdateId: 'v3-style' },
  ]);
  assert.ok(spanText(text, document.requests[0]!.span).startsWith("{ service: 'Iot', action: 'createOTAUpdate'"));
});

test('one object sent by two calls (or declared and sent) is one request, located at its first call', () => {
  const text = `${SDK}const client = new IoTClient({});
const params: CreateOTAUpdateCommandInput = { otaUpdateId: 'x' };
await client.send(new CreateOTAUpdateCommand(params));
await client.send(new CreateOTAUpdateCommand(params));
`;
  const document = read(text);
  assert.equal(document.requests.length, 1);
  assert.equal(spanText(text, document.requests[0]!.span), 'new CreateOTAUpdateCommand(params)');
});

test('other operations, and a createOTAUpdate of a module that does not import the AWS SDK, are not requests', () => {
  const other = `${SDK}import { CreateJobCommand, CreateStreamCommand, GetOTAUpdateCommand } from '@aws-sdk/client-iot';
await client.send(new CreateJobCommand({ jobId: 'j', targets: [] }));
await client.send(new CreateStreamCommand({ streamId: 's', files: [], roleArn: 'r' }));
await client.send(new GetOTAUpdateCommand({ otaUpdateId: 'x' }));
await iot.getOTAUpdate({ otaUpdateId: 'x' });
mock.on(CreateOTAUpdateCommand).resolves({ otaUpdateId: 'x' });
expect(iot.createOTAUpdate).toHaveBeenCalledWith({ otaUpdateId: 'x' });
`;
  assert.deepEqual(values(read(other)), []);
  const wrapper = `import { otaService } from './ota-service';\nawait otaService.createOTAUpdate({ version: '1.2.0', group: 'sensors' });\n`;
  assert.deepEqual(values(read(wrapper)), []);
});

test('literals are values: strings, numbers (negative too), booleans, templates without expressions, as const; undefined and null leave a member out', () => {
  const request = only(`${SDK}new CreateOTAUpdateCommand({
  otaUpdateId: \`fw-1\`,
  protocols: ['MQTT'] as const,
  awsJobPresignedUrlConfig: { expiresInSec: -5 },
  files: [{ fileType: 0, fileVersion: '1.0', attributes: { 'a-b': "c", 7: 'seven' } }],
  description: undefined,
  targetSelection: null,
  roleArn: 'arn'!,
});`);
  assert.deepEqual(encodeValue(request.value), {
    otaUpdateId: 'fw-1',
    protocols: ['MQTT'],
    awsJobPresignedUrlConfig: { expiresInSec: -5 },
    files: [{ fileType: 0, fileVersion: '1.0', attributes: { 7: 'seven', 'a-b': 'c' } }],
    roleArn: 'arn',
  });
  assert.equal(request.hasUnknowns, false);
});

test('constants are followed one step within the module: the argument, shorthand members, named members', () => {
  const text = `${SDK}const roleArn = 'arn:aws:iam::123456789012:role/ota';
const GROUP = 'arn:aws:iot:us-east-1:123456789012:thinggroup/sensors' as const;
const files = [{ fileName: 'fw.bin' }];
const params = { otaUpdateId: 'fw', roleArn, targets: [GROUP], files };
export async function handler() {
  return new IoTClient({}).send(new CreateOTAUpdateCommand(params));
}
`;
  const request = only(text);
  assert.deepEqual(encodeValue(request.value), {
    otaUpdateId: 'fw',
    roleArn: 'arn:aws:iam::123456789012:role/ota',
    targets: ['arn:aws:iot:us-east-1:123456789012:thinggroup/sensors'],
    files: [{ fileName: 'fw.bin' }],
  });
  assert.equal(spanText(text, request.locate(['roleArn'], 'value')), "'arn:aws:iam::123456789012:role/ota'", 'the value is where the constant is written');
  assert.equal(spanText(text, request.locate(['roleArn'], 'key')), 'roleArn', 'the key is the shorthand member');
  assert.equal(spanText(text, request.locate(['targets', 0], 'value')), "'arn:aws:iot:us-east-1:123456789012:thinggroup/sensors'");
  assert.equal(spanText(text, request.locate(['description'], 'parent')), "{ otaUpdateId: 'fw', roleArn, targets: [GROUP], files }");
});

test('what code knows only at run time is unknown: variables, parameters, calls, process.env, templates with expressions', () => {
  const request = only(`${SDK}export function send(id: string, config: { role: string }) {
  let mutable = 'x';
  return new CreateOTAUpdateCommand({
    otaUpdateId: \`fw-\${id}\`,
    roleArn: config.role,
    description: mutable,
    targets: [process.env.TARGET, id],
    files: JSON.parse(readFileSync('files.json', 'utf8')),
    additionalParameters: { a: process.env['A'] ?? 'default' },
  });
}`);
  assert.deepEqual(encodeValue(request.value), {
    otaUpdateId: { $unknown: '`fw-${id}`', $reason: 'template' },
    roleArn: { $unknown: 'config.role', $reason: 'variable' },
    description: { $unknown: 'mutable', $reason: 'variable' },
    targets: [
      { $unknown: 'process.env.TARGET', $reason: 'environment' },
      { $unknown: 'id', $reason: 'variable' },
    ],
    files: { $unknown: "JSON.parse(readFileSync('files.json', 'utf8'))", $reason: 'call' },
    additionalParameters: { a: { $unknown: "process.env['A'] ?? 'default'", $reason: 'expression' } },
  });
  assert.equal(request.hasUnknowns, true);
});

test('a request passed in (a parameter) is unknown as a whole', () => {
  const request = only(
    `${SDK}export const create = (client: IoTClient, input: CreateOTAUpdateCommandInput) => client.send(new CreateOTAUpdateCommand(input));`,
  );
  assert.deepEqual(encodeValue(request.value), { $unknown: 'input', $reason: 'variable' });
});

test('a spread opens the object, and makes the members before it unknown (it may replace them)', () => {
  const request = only(`${SDK}new CreateOTAUpdateCommand({ otaUpdateId: 'early', ...defaults, roleArn: 'late', targets: [...groups, 'arn:x'] });`);
  assert.deepEqual(encodeValue(request.value), {
    otaUpdateId: { $unknown: "'early'", $reason: 'spread' },
    roleArn: 'late',
    targets: { $openList: ['arn:x'], $open: ['...groups'] },
    $open: ['...defaults'],
  });
});

test('a constant object the module changes, or one with another binding of its name in scope, is not followed', () => {
  const changed = (change: string) =>
    only(`${SDK}const params = { otaUpdateId: 'x', targets: [] as string[] };\n${change}\nawait client.send(new CreateOTAUpdateCommand(params));`).value;
  for (const change of [
    "params.targets.push('arn')",
    "params.otaUpdateId = 'y'",
    "Object.assign(params, { roleArn: 'r' })",
    'const alias = params',
    'delete params.targets',
    'params.targets[0] = "a"',
  ]) {
    assert.deepEqual(encodeValue(changed(change)), { $unknown: 'params', $reason: 'variable' }, change);
  }
  assert.deepEqual(
    encodeValue(changed('console.log(params.otaUpdateId, JSON.stringify(params))')),
    { otaUpdateId: 'x', targets: [] },
    'reads do not change it',
  );
  const shadowed = only(`${SDK}const roleArn = 'outer';
function inner(roleArn: string) { return new CreateOTAUpdateCommand({ otaUpdateId: 'x', roleArn }); }`);
  assert.deepEqual(encodeValue(shadowed.value), { otaUpdateId: 'x', roleArn: { $unknown: 'roleArn', $reason: 'variable' } });
  const scoped = read(`${SDK}describe('ota', () => {
  it('one', async () => { const params = { otaUpdateId: 'one' }; await client.send(new CreateOTAUpdateCommand(params)); });
  it('two', async () => { const params = { otaUpdateId: 'two' }; await client.send(new CreateOTAUpdateCommand(params)); });
});`);
  assert.deepEqual(values(scoped), [{ otaUpdateId: 'one' }, { otaUpdateId: 'two' }], 'a constant per test block resolves in its own scope');
});

test('signature.inlineDocument: the value is what the SDK sends; a string is encoded again, bytes are not', () => {
  const at = ['files', 0, 'codeSigning', 'customCodeSigning', 'signature', 'inlineDocument'];
  const withBlob = (blob: string, prelude = '') =>
    only(`${SDK}${prelude}\nnew CreateOTAUpdateCommand({ files: [{ codeSigning: { customCodeSigning: { signature: { inlineDocument: ${blob} } } } }] });`);
  const signature = (request: RequestDocument) => (encodeValue(request.value) as any).files[0].codeSigning.customCodeSigning.signature.inlineDocument;

  const text = withBlob("'MEUCIQ=='");
  assert.equal(signature(text), Buffer.from('MEUCIQ==').toString('base64'));
  assert.equal(text.blobInput?.(at), 'text');
  const bytes = withBlob("Buffer.from(SIG, 'base64')", "const SIG = 'MEUCIQ==';");
  assert.equal(signature(bytes), 'MEUCIQ==');
  assert.equal(bytes.blobInput?.(at), 'bytes');
  assert.equal(signature(withBlob("Buffer.from('3045', 'hex')")), Buffer.from('3045', 'hex').toString('base64'));
  assert.deepEqual(signature(withBlob("Buffer.from(sig, 'base64')")), { $unknown: "Buffer.from(sig, 'base64')", $reason: 'call' });
  assert.deepEqual(signature(withBlob("readFileSync('fw.sig')")), { $unknown: "readFileSync('fw.sig')", $reason: 'call' });
});

test('fixes are written in JavaScript: quotes kept, keys renamed, members removed with their comma, text blobs as bytes', () => {
  const text = `${SDK}new CreateOTAUpdateCommand({ otaUpdateId: 'x', protocols: ["mqtt"], 'targetSelection': 'ONCE', files: [{ codeSigning: { customCodeSigning: { signature: { inlineDocument: 'MEUCIQ==' } } } }] });`;
  const request = only(text);
  const apply = (edits: Array<{ offset: number; length: number; text: string }> | undefined) => {
    assert.ok(edits);
    let out = text;
    for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, edit.offset) + edit.text + out.slice(edit.offset + edit.length);
    return out.slice(SDK.length);
  };
  assert.match(apply(request.textEdits({ kind: 'replace', path: ['protocols', 0], value: 'MQTT' })), /protocols: \["MQTT"\]/);
  assert.match(apply(request.textEdits({ kind: 'replace', path: ['otaUpdateId'], value: "it's" })), /otaUpdateId: 'it\\'s'/);
  assert.match(apply(request.textEdits({ kind: 'rename-key', path: ['targetSelection'], to: 'description' })), /'description': 'ONCE'/);
  assert.match(apply(request.textEdits({ kind: 'remove', path: ['protocols'] })), /\{ otaUpdateId: 'x', 'targetSelection'/);
  const blob = ['files', 0, 'codeSigning', 'customCodeSigning', 'signature', 'inlineDocument'];
  assert.match(apply(request.textEdits({ kind: 'replace', path: blob, value: 'MEUCIQ==' })), /inlineDocument: Buffer\.from\('MEUCIQ==', 'base64'\)/);
});

test('a duplicate member is reported, as JavaScript keeps the last one', () => {
  const request = only(`${SDK}new CreateOTAUpdateCommand({ roleArn: 'a', roleArn: 'b' });`);
  assert.deepEqual(encodeValue(request.value), { roleArn: 'b' });
  assert.deepEqual(
    request.problems.map((p) => p.ruleId),
    ['duplicate-key'],
  );
});

test('// otalint-disable-next-line comments are read; a syntax error in a file with a call is a problem', () => {
  const document = read(
    `${SDK}// otalint-disable-next-line role-arn-format -- test account\nnew CreateOTAUpdateCommand({ roleArn: 'x' });\n/* otalint-disable-line nothing */`,
  );
  assert.deepEqual(
    document.disableComments().map((c) => [c.kind, c.rules, c.reason]),
    [['next-line', ['role-arn-format'], 'test account']],
  );
  const broken = read(`${SDK}new CreateOTAUpdateCommand({ roleArn: 'x' `);
  assert.equal(broken.problems[0]?.ruleId, 'syntax-error');
  assert.match(broken.problems[0]!.message, /does not parse as TypeScript or JavaScript: .*CreateOTAUpdate calls were not checked/);
});

test('reading JSON loads no parser; reading a .ts file loads oxc-parser, not typescript-estree or TypeScript', () => {
  const engine = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/engine.js');
  const script = (file: string, text: string) => `
    const { readSource } = await import(${JSON.stringify(engine)});
    const { createRequire } = await import('node:module');
    readSource(${JSON.stringify(file)}, ${JSON.stringify(text)});
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(['typescript-estree', '/typescript/lib/', '/oxc-parser/'].map((name) => loaded.some((file) => file.includes(name)))));`;
  const run = (file: string, text: string) =>
    JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', script(file, text)], { encoding: 'utf8' }).stdout);
  assert.deepEqual(run('r.json', '{"otaUpdateId":"x"}'), [false, false, false]);
  assert.deepEqual(run('r.ts', `${SDK}new CreateOTAUpdateCommand({});`), [false, false, true]);
});

test("reading a module walks its tree once: each node's members are listed once (Bindings' walk serves the request finder)", () => {
  const text = `${SDK}const params = { otaUpdateId: 'a', targets: [\`arn\`], files: [{ fileName: 'f' }] };\nexport async function go(c: IoTClient) {\n  await c.send(new CreateOTAUpdateCommand(params));\n}\n`;
  const parsed = parseScript('walk.ts', text);
  assert.ok(parsed.ok);
  const listed = new Map<object, number>();
  const wrap = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(wrap);
    const node = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, key === 'range' ? child : wrap(child)]));
    return new Proxy(node, {
      ownKeys: (target) => {
        listed.set(target, (listed.get(target) ?? 0) + 1);
        return Reflect.ownKeys(target);
      },
    });
  };
  const document = readJavaScriptProgram('walk.ts', text, wrap(parsed.program) as typeof parsed.program);
  assert.equal(document.requests.length, 1);
  assert.ok(listed.size > 40, `${listed.size} nodes listed`);
  assert.deepEqual(new Set(listed.values()), new Set([1]));
});

test.run();
