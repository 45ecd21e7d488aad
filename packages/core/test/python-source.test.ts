import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { suite } from 'uvu';
import type * as TreeSitter from 'web-tree-sitter';
import { prepareSource, readSource } from '../src/document/source-kinds.js';
import type { RequestDocument, SourceDocument } from '../src/document/types.js';
import { pythonKind } from '../src/document/sources/python.js';
import { decodePythonString } from '../src/document/sources/python/strings.js';
import { encodeValue } from '../src/value/codec.js';

const test = suite('python source kind');
test.before(() => prepareSource('ota.py'));
const read = (text: string): SourceDocument => readSource('ota.py', text);
const values = (document: SourceDocument) => document.requests.map((request) => encodeValue(request.value));
const only = (text: string): RequestDocument => {
  const document = read(text);
  assert.equal(document.requests.length, 1, `expected one request, found ${document.requests.length}`);
  return document.requests[0]!;
};
const spanText = (text: string, span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);

test('keyword arguments of <client>.create_ota_update are the request; literals map to request values', () => {
  const text = `import boto3
iot = boto3.client("iot")
iot.create_ota_update(
    otaUpdateId='fw-1',
    targets=("arn:aws:iot:us-east-1:123456789012:thing/a",),
    protocols=["MQTT"],
    awsJobPresignedUrlConfig={"expiresInSec": 1_800},
    awsJobAbortConfig={"abortCriteriaList": [{"thresholdPercentage": -0.5, "minNumberOfExecutedThings": 0x10}]},
    files=[{"fileType": True, "fileVersion": None, "attributes": {'k': 'v' "w"}}],
    description="""line
two""",
)
`;
  const request = only(text);
  assert.deepEqual(encodeValue(request.value), {
    otaUpdateId: 'fw-1',
    targets: ['arn:aws:iot:us-east-1:123456789012:thing/a'],
    protocols: ['MQTT'],
    awsJobPresignedUrlConfig: { expiresInSec: 1800 },
    awsJobAbortConfig: { abortCriteriaList: [{ thresholdPercentage: -0.5, minNumberOfExecutedThings: 16 }] },
    files: [{ fileType: true, fileVersion: null, attributes: { k: 'vw' } }],
    description: 'line\ntwo',
  });
  assert.equal(request.format, 'python');
  assert.equal(spanText(text, request.span).split('\n')[0], 'iot.create_ota_update(');
  assert.equal(spanText(text, request.locate(['otaUpdateId'], 'key')), 'otaUpdateId');
  assert.equal(spanText(text, request.locate(['otaUpdateId'], 'value')), "'fw-1'");
  assert.equal(spanText(text, request.locate(['files', 0, 'fileType'], 'value')), 'True');
  assert.equal(spanText(text, request.locate(['roleArn'], 'parent')).split('\n')[0], 'iot.create_ota_update(', 'a missing keyword points at the call');
});

test('f-strings with fields, names, calls and os.environ are unknown; an f-string without fields is a string', () => {
  const request = only(`import os
def go(client, version):
    client.create_ota_update(otaUpdateId=f"fw-{version}", description=f"plain {{braces}}", roleArn=os.environ["ROLE"],
        targets=[os.getenv("T"), GROUP], files=load_files(), tags=os.environ.get("TAGS"))
`);
  assert.deepEqual(encodeValue(request.value), {
    otaUpdateId: { $unknown: 'f"fw-{version}"', $reason: 'template' },
    description: 'plain {braces}',
    roleArn: { $unknown: 'os.environ["ROLE"]', $reason: 'environment' },
    targets: [
      { $unknown: 'os.getenv("T")', $reason: 'environment' },
      { $unknown: 'GROUP', $reason: 'variable' },
    ],
    files: { $unknown: 'load_files()', $reason: 'call' },
    tags: { $unknown: 'os.environ.get("TAGS")', $reason: 'environment' },
  });
});

test('**kwargs bound to a dict literal in the same scope is followed; changed, rebound or other-scope dicts are not', () => {
  const call = (body: string) =>
    `def run(iot):\n${body.replace(/^/gm, '    ')}\n    iot.create_ota_update(**params, roleArn="arn:aws:iam::123456789012:role/r")\n`;
  assert.deepEqual(values(read(call(`params = {"otaUpdateId": "kw", "targets": ["arn:t"]}`))), [
    { otaUpdateId: 'kw', targets: ['arn:t'], roleArn: 'arn:aws:iam::123456789012:role/r' },
  ]);
  const open = { roleArn: 'arn:aws:iam::123456789012:role/r', $open: ['**params'] };
  for (const body of [
    `params = {"otaUpdateId": "kw"}\nparams["targets"] = []`,
    `params = {"otaUpdateId": "kw"}\nparams.update(targets=[])`,
    `params = {"targets": []}\nparams["targets"].append("arn")`,
    `params = {"otaUpdateId": "kw"}\nparams |= extra`,
    `params = {"otaUpdateId": "kw"}\nif x:\n    params = {}`,
    `params = dict(otaUpdateId="kw")`,
    `params = {"otaUpdateId": "kw", **base}`,
  ]) {
    assert.deepEqual(values(read(call(body))), [open], body);
  }
  const elsewhere = `params = {"otaUpdateId": "module level"}\ndef run(iot):\n    iot.create_ota_update(**params)\n`;
  assert.deepEqual(values(read(elsewhere)), [{ $open: ['**params'] }], 'the dict is in another scope');
});

test('**kwargs is not followed where the name is bound again or aliased (a, b = ..., for, :=, with ... as, a = b = {...}), nor to a dict that does not parse', () => {
  const call = (body: string) => `def run(iot):\n${body.replace(/^/gm, '    ')}\n    iot.create_ota_update(**params)\n`;
  const open = { $open: ['**params'] };
  for (const body of [
    `params = other = {"otaUpdateId": "kw"}\nother["targets"] = []`,
    `other = params = {"otaUpdateId": "kw"}`,
    `params = {"otaUpdateId": "kw"}\nfor params in batches:\n    pass`,
    `params = {"otaUpdateId": "kw"}\nif (params := load()):\n    pass`,
    `params = {"otaUpdateId": "kw"}\nwith open_params() as params:\n    pass`,
    `params = {"otaUpdateId": "kw"}\nparams, rest = split(x)`,
    `params = {"otaUpdateId": "kw", "targets": [1, 2 3]}`,
  ]) {
    assert.deepEqual(values(read(call(body))), [open], body);
  }
});

test('** of a dict literal written in the call is read as its keywords; one that unpacks another dict is not', () => {
  const text = `iot.create_ota_update(**{"otaUpdateId": "inline", "targets": ["arn:t"], 'protocols': ["MQTT"]}, roleArn="arn:r")`;
  const request = only(text);
  assert.deepEqual(encodeValue(request.value), { otaUpdateId: 'inline', targets: ['arn:t'], protocols: ['MQTT'], roleArn: 'arn:r' });
  assert.equal(spanText(text, request.locate(['otaUpdateId'], 'value')), '"inline"');
  assert.equal(spanText(text, request.locate(['protocols'], 'key')), "'protocols'");
  assert.deepEqual(values(read(`iot.create_ota_update(**{"otaUpdateId": "x", **base})`)), [{ $open: ['**{"otaUpdateId": "x", **base}'] }]);
  assert.deepEqual(values(read(`iot.create_ota_update(**{key: "x"})`)), [{ $open: ['key: "x"'] }]);
});

test('a later ** in a dict may replace the keys before it', () => {
  assert.deepEqual(values(read(`iot.create_ota_update(files=[{"fileName": "a", **extra, "fileType": 0}])`)), [
    { files: [{ fileName: { $unknown: '"a"', $reason: 'spread' }, fileType: 0, $open: ['**extra'] }] },
  ]);
});

test('other operations, positional calls and calls without request keywords are not requests', () => {
  const text = `iot.create_stream(streamId="s", files=[], roleArn="r")
iot.create_job(jobId="j", targets=["device1"])
iot.get_ota_update(otaUpdateId="x")
releases.create_ota_update({"otaUpdateId": "x"})
releases.create_ota_update(release="1.2.0")
mock.patch.object(client, "create_ota_update")
`;
  assert.deepEqual(values(read(text)), []);
});

test('blobs: bytes literals and base64.b64decode are bytes; a str is encoded again', () => {
  const at = ['files', 0, 'codeSigning', 'customCodeSigning', 'signature', 'inlineDocument'];
  const withBlob = (blob: string) =>
    only(`import base64\niot.create_ota_update(files=[{"codeSigning": {"customCodeSigning": {"signature": {"inlineDocument": ${blob}}}}}])`);
  const signature = (request: RequestDocument) => (encodeValue(request.value) as any).files[0].codeSigning.customCodeSigning.signature.inlineDocument;
  const text = withBlob('"MEUCIQ=="');
  assert.equal(signature(text), Buffer.from('MEUCIQ==').toString('base64'));
  assert.equal(text.blobInput?.(at), 'text');
  const edits = text.textEdits({ kind: 'replace', path: at, value: 'MEUCIQ==' });
  assert.equal(edits?.[0]?.text, 'base64.b64decode("MEUCIQ==")');
  assert.equal(signature(withBlob("b'\\x30\\x45'")), Buffer.from([0x30, 0x45]).toString('base64'));
  assert.equal(withBlob("b'0E'").blobInput?.(at), 'bytes');
  assert.equal(signature(withBlob('base64.b64decode("MEUCIQ==")')), 'MEUCIQ==');
  assert.deepEqual(signature(withBlob('base64.b64decode(sig)')), { $unknown: 'base64.b64decode(sig)', $reason: 'call' });
  assert.deepEqual(signature(withBlob('sig')), { $unknown: 'sig', $reason: 'variable' });
});

test('fixes are written in Python: True/None, quotes kept, keywords renamed, keywords removed with their comma', () => {
  const text = `iot.create_ota_update(otaUpdateId='x', protocols=["mqtt"], targetSelection="ONCE", files=[{"fileType": 1}])`;
  const request = only(text);
  const apply = (edits: Array<{ offset: number; length: number; text: string }> | undefined) => {
    assert.ok(edits);
    let out = text;
    for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, edit.offset) + edit.text + out.slice(edit.offset + edit.length);
    return out;
  };
  assert.match(apply(request.textEdits({ kind: 'replace', path: ['protocols', 0], value: 'MQTT' })), /protocols=\["MQTT"\]/);
  assert.match(apply(request.textEdits({ kind: 'replace', path: ['files', 0, 'fileType'], value: true })), /"fileType": True/);
  assert.match(apply(request.textEdits({ kind: 'rename-key', path: ['targetSelection'], to: 'description' })), /description="ONCE"/);
  assert.equal(
    apply(request.textEdits({ kind: 'remove', path: ['protocols'] })),
    `iot.create_ota_update(otaUpdateId='x', targetSelection="ONCE", files=[{"fileType": 1}])`,
  );
});

test('# otalint-disable comments are read; a call that does not parse is skipped with a warning', () => {
  const document = read(`# otalint-disable-next-line role-arn-format -- lab account\niot.create_ota_update(roleArn="x")  # not a directive`);
  assert.deepEqual(
    document.disableComments().map((c) => [c.kind, c.rules, c.reason]),
    [['next-line', ['role-arn-format'], 'lab account']],
  );
  const broken = read(`iot.create_ota_update(otaUpdateId="x", targets=[1, 2 3])\n`);
  assert.deepEqual(broken.requests, []);
  assert.deepEqual(
    broken.problems.map((p) => [p.ruleId, p.severity]),
    [['syntax-error', 'warning']],
  );
  const brokenElsewhere = read(`iot.create_ota_update(otaUpdateId="x")\ndef broken(:\n    pass\n`);
  assert.deepEqual(values(brokenElsewhere), [{ otaUpdateId: 'x' }], 'a call the parser did not repair is read, whatever it repaired elsewhere');
  assert.deepEqual(brokenElsewhere.problems, []);
});

test('a create_ota_update call the parser cannot make a call of draws the warning on its method; one in a string or comment does not', () => {
  const warnings = (text: string) => read(text).problems.map((p) => [p.ruleId, p.severity, spanText(text, p)]);
  const broken = 'def start()    return iot.create_ota_update(otaUpdateId="x")\n';
  assert.deepEqual(warnings(broken), [['syntax-error', 'warning', 'create_ota_update']]);
  assert.deepEqual(read(broken).requests, []);
  const unclosed = 'iot.create_ota_update(otaUpdateId="x", targets=[\n';
  assert.deepEqual(
    warnings(unclosed).map(([, , text]) => text?.split('(')[0]),
    ['iot.create_ota_update'],
  );
  const quoted = 'x = (\n"iot.create_ota_update(otaUpdateId=1)"  # iot.create_ota_update(\n'; // no closing parenthesis: the module does not parse
  assert.deepEqual(warnings(quoted), []);
});

test('calls are found from where the method is named: a call inside a call comes after it, and neither the module nor, where nothing needed repair, a call is walked', () => {
  const text = `import boto3
iot = boto3.client("iot")
# iot.create_ota_update(otaUpdateId="in a comment")
note = "iot.create_ota_update(otaUpdateId='in a string')"
my_create_ota_update(otaUpdateId="another function")
iot.create_ota_update(otaUpdateId="outer", targets=[iot.create_ota_update(otaUpdateId="inner")]).create_ota_update(otaUpdateId="chained")
iot . create_ota_update (otaUpdateId="spaced")
${Array.from({ length: 2000 }, (_, i) => `value_${i} = compute(${i}, key="k", items=[1, 2, 3])`).join('\n')}
`;
  // The parser's own package (the CommonJS build the reader loads), not a second copy of it.
  const { Node, TreeCursor } = createRequire(import.meta.url)('web-tree-sitter') as typeof TreeSitter;
  const counted = { namedChildren: 0, hasError: 0, cursorSteps: 0 };
  const restore: Array<() => void> = [];
  const count = (prototype: object, name: string, key: keyof typeof counted) => {
    const original = Object.getOwnPropertyDescriptor(prototype, name)!;
    const wrap = (call: (self: unknown, args: unknown[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        counted[key]++;
        return call(this, args);
      };
    Object.defineProperty(
      prototype,
      name,
      original.get
        ? { ...original, get: wrap((self) => original.get!.call(self)) }
        : { ...original, value: wrap((self, args) => (original.value as (...a: unknown[]) => unknown).apply(self, args)) },
    );
    restore.push(() => Object.defineProperty(prototype, name, original));
  };
  count(Node.prototype, 'namedChildren', 'namedChildren');
  count(Node.prototype, 'hasError', 'hasError');
  count(TreeCursor.prototype, 'gotoFirstChild', 'cursorSteps');
  count(TreeCursor.prototype, 'gotoNextSibling', 'cursorSteps');
  try {
    assert.deepEqual(
      read(text).requests.map((request) => (request.value as { otaUpdateId?: unknown }).otaUpdateId),
      ['chained', 'outer', 'inner', 'spaced'],
    );
  } finally {
    for (const undo of restore) undo();
  }
  assert.equal(counted.cursorSteps, 0, 'a walk of the module to find its calls (some 48,000 steps)');
  // Each call's argument list, its keyword arguments and their containers: the 2,000 lines after them are not asked.
  assert.ok(counted.namedChildren > 0 && counted.namedChildren < 40, `${counted.namedChildren} nodes asked for their children`);
  assert.equal(counted.hasError, 1, 'a question to each call whether it parsed, in a module the parser repaired nothing in');
});

test('a module that names create_ota_update but calls no such method is not parsed; every way of writing the call is', () => {
  const { Parser } = createRequire(import.meta.url)('web-tree-sitter') as typeof TreeSitter;
  const { parse } = Parser.prototype;
  let parses = 0;
  Parser.prototype.parse = function (...args) {
    parses++;
    return parse.apply(this, args);
  };
  try {
    for (const text of [
      'stubber.add_response("create_ota_update", {"otaUpdateId": "x"}, {"otaUpdateId": "x"})\n',
      'with mock.patch.object(iot, "create_ota_update") as create_ota_update:\n    create_ota_update(otaUpdateId="x")\n',
      'class Fake:\n    def create_ota_update(self, **kwargs):\n        return kwargs\n',
    ]) {
      assert.equal(pythonKind.mayHoldRequests!(text), false, text);
      assert.deepEqual(read(text).requests, [], text);
    }
    assert.equal(parses, 0, 'a module without the call was parsed');
    for (const text of [
      'iot . create_ota_update (otaUpdateId="x")',
      '(iot.  # the client\n    create_ota_update  # the call\r\n    (otaUpdateId="x"))',
      'iot.create_ota_update \\\n    (otaUpdateId="x")',
    ]) {
      assert.equal(pythonKind.mayHoldRequests!(text), true, text);
      assert.deepEqual(values(read(text)), [{ otaUpdateId: 'x' }], text);
    }
    assert.equal(parses, 3);
  } finally {
    Parser.prototype.parse = parse;
  }
});

test('Python string literals decode as CPython does', () => {
  assert.deepEqual(
    decodePythonString(String.raw`'a\tb\x41\u00e9\101\
c'`),
    { kind: 'str', value: 'a\tbAéAc' },
  );
  assert.deepEqual(decodePythonString(String.raw`r'a\tb'`), { kind: 'str', value: String.raw`a\tb` });
  assert.deepEqual(decodePythonString(String.raw`rb'\x00'`), { kind: 'bytes', value: Uint8Array.from([0x5c, 0x78, 0x30, 0x30]) });
  assert.deepEqual(decodePythonString(String.raw`b'\xff\d'`), { kind: 'bytes', value: Uint8Array.from([0xff, 0x5c, 0x64]) });
  assert.equal(decodePythonString(String.raw`'\N{BULLET}'`), undefined);
  assert.equal(decodePythonString(String.raw`b'\u1234'`)?.kind, 'bytes', 'bytes have no \\u escape: it stays as written');
});

test.run();
