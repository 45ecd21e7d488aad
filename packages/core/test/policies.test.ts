import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import type { Policy } from '../src/config/types.js';
import { buildMetaValidatorSource } from '../../../scripts/build-validator.mjs';
import { configError, goodRequest, linterFor, readWithUnknowns, shown } from './helpers/policy-project.js';

type Request = Record<string, any>;

/** Lint `request` (an object, written as indented JSON, or a text) under these policies. */
async function lint(policies: readonly Policy[], request: Request | string, file = 'req.json'): Promise<string[]> {
  const linter = await linterFor([{ policies }]);
  const text = typeof request === 'string' ? request : `${JSON.stringify(request, null, 2)}\n`;
  return linter.lintText(text, path.join(linter.cwd, file)).messages.map(shown);
}

/** The messages only, for tests about wording. */
async function messages(policies: readonly Policy[], change: (request: Request) => void): Promise<string[]> {
  const request = goodRequest();
  change(request);
  const linter = await linterFor([{ policies }]);
  return linter.lintText(JSON.stringify(request), path.join(linter.cwd, 'req.json')).messages.map((m) => `${m.ruleId} ${m.path} ${m.message}`);
}

const keywords = suite('policies: each JSON Schema keyword family');

keywords('required: a missing member is reported on the object that should hold it', async () => {
  const text = '{\n  "otaUpdateId": "prod-1",\n  "awsJobAbortConfig": {\n    "x": 1\n  }\n}\n';
  assert.deepEqual(await lint([{ id: 'acme/abort', given: '', then: { required: ['awsJobAbortConfig', 'awsJobTimeoutConfig'] } }], text), [
    '1:1-6:2 acme/abort Missing required member `awsJobTimeoutConfig` in the request.',
  ]);
  assert.deepEqual(await lint([{ id: 'acme/abort', given: '/awsJobAbortConfig', then: { required: ['abortCriteriaList'] } }], text), [
    '3:24-5:4 acme/abort Missing required member `abortCriteriaList` in `awsJobAbortConfig`.',
  ]);
});

keywords('enum and const', async () => {
  const policies: Policy[] = [
    { id: 'acme/snapshot', given: '/targetSelection', then: { enum: ['SNAPSHOT'] } },
    { id: 'acme/mqtt', given: '/protocols/*', then: { const: 'MQTT' } },
  ];
  assert.deepEqual(
    await messages(policies, (r) => {
      r.targetSelection = 'SNAPSHOTS';
      r.protocols = ['MQTT', 'HTTP'];
    }),
    [
      'acme/snapshot /targetSelection `targetSelection` is "SNAPSHOTS"; it must be one of SNAPSHOT. Did you mean "SNAPSHOT"?',
      'acme/mqtt /protocols/1 `protocols[1]` is "HTTP"; it must be MQTT.',
    ],
  );
  assert.deepEqual(await messages(policies, (r) => ((r.targetSelection = 'SNAPSHOT'), (r.protocols = ['MQTT']))), []);
});

keywords('minimum and maximum (inclusive, exclusive, both)', async () => {
  const rate = (then: Policy['then']) => [{ id: 'acme/rate', given: '/awsJobExecutionsRolloutConfig/maximumPerMinute', then }];
  const at = (value: number) => (r: Request) => (r.awsJobExecutionsRolloutConfig = { maximumPerMinute: value });
  assert.deepEqual(await messages(rate({ maximum: 100 }), at(101)), [
    'acme/rate /awsJobExecutionsRolloutConfig/maximumPerMinute `maximumPerMinute` is 101; it must be at most 100.',
  ]);
  assert.deepEqual(await messages(rate({ maximum: 100 }), at(100)), []);
  assert.deepEqual(await messages(rate({ minimum: 10 }), at(9)), [
    'acme/rate /awsJobExecutionsRolloutConfig/maximumPerMinute `maximumPerMinute` is 9; it must be at least 10.',
  ]);
  assert.deepEqual(await messages(rate({ minimum: 10, maximum: 100 }), at(500)), [
    'acme/rate /awsJobExecutionsRolloutConfig/maximumPerMinute `maximumPerMinute` is 500; it must be between 10 and 100.',
  ]);
  assert.deepEqual(await messages(rate({ exclusiveMaximum: 100 }), at(100)), [
    'acme/rate /awsJobExecutionsRolloutConfig/maximumPerMinute `maximumPerMinute` is 100; it must be less than 100.',
  ]);
  assert.deepEqual(await messages(rate({ exclusiveMinimum: 1 }), at(1)), [
    'acme/rate /awsJobExecutionsRolloutConfig/maximumPerMinute `maximumPerMinute` is 1; it must be greater than 1.',
  ]);
  assert.deepEqual(await messages(rate({ multipleOf: 10 }), at(15)), [
    'acme/rate /awsJobExecutionsRolloutConfig/maximumPerMinute `maximumPerMinute` is 15; it must be a multiple of 10.',
  ]);
});

keywords('pattern, minLength and maxLength', async () => {
  const account = [{ id: 'acme/account', given: '/roleArn', then: { pattern: '^arn:aws:iam::111122223333:role/' } }];
  assert.deepEqual(await messages(account, (r) => (r.roleArn = 'arn:aws:iam::999999999999:role/ota')), [
    'acme/account /roleArn `roleArn` "arn:aws:iam::999999999999:role/ota" does not match ^arn:aws:iam::111122223333:role/.',
  ]);
  assert.deepEqual(await messages(account, () => {}), []);
  const id = [{ id: 'acme/id', given: '/otaUpdateId', then: { minLength: 5, maxLength: 8 } }];
  assert.deepEqual(await messages(id, (r) => (r.otaUpdateId = 'prod-fw-12')), [
    'acme/id /otaUpdateId `otaUpdateId` "prod-fw-12" has 10 characters; it must have at most 8.',
  ]);
  assert.deepEqual(await messages(id, (r) => (r.otaUpdateId = 'fw')), ['acme/id /otaUpdateId `otaUpdateId` "fw" has 2 characters; it must have at least 5.']);
});

keywords('minItems, maxItems and uniqueItems', async () => {
  const policies: Policy[] = [{ id: 'acme/targets', given: '/targets', then: { minItems: 1, maxItems: 2, uniqueItems: true } }];
  const arn = (name: string) => `arn:aws:iot:eu-west-1:111122223333:thinggroup/${name}`;
  assert.deepEqual(await messages(policies, (r) => (r.targets = [arn('a'), arn('b'), arn('c')])), [
    'acme/targets /targets `targets` has 3 items; it must have at most 2.',
  ]);
  assert.deepEqual(await messages(policies, (r) => (r.targets = [])), ['acme/targets /targets `targets` is empty; it must have at least 1 item.']);
  assert.deepEqual(await messages(policies, (r) => (r.targets = [arn('a'), arn('a')])), [
    'acme/targets /targets `targets` lists the same item twice (items 0 and 1); every item must be different.',
  ]);
});

keywords('contains, minContains and maxContains: the list is reported, not the items tried', async () => {
  const team = { contains: { required: ['Key'], properties: { Key: { const: 'team' } } } };
  const policies: Policy[] = [{ id: 'acme/team-tag', given: '/tags', then: team }];
  const text = '{\n  "tags": [\n    { "Key": "owner", "Value": "x" }\n  ]\n}\n';
  assert.deepEqual(await lint(policies, text), ['2:11-4:4 acme/team-tag `tags` must have an item whose `Key` is "team".']);
  assert.deepEqual(await lint(policies, '{ "tags": [{ "Key": "owner" }, { "Key": "team" }] }'), []);
  const groups: Policy[] = [{ id: 'acme/groups', given: '/targets', then: { contains: { pattern: ':thinggroup/' }, minContains: 2 } }];
  assert.deepEqual(await messages(groups, () => {}), ['acme/groups /targets `targets` must have at least 2 items that match :thinggroup/.']);
  const few: Policy[] = [{ id: 'acme/few-things', given: '/targets', then: { contains: { pattern: ':thing/' }, minContains: 0, maxContains: 1 } }];
  const things = (r: Request) => (r.targets = ['arn:aws:iot:eu-west-1:1:thing/a', 'arn:aws:iot:eu-west-1:1:thing/b']);
  assert.deepEqual(await messages(few, things), ['acme/few-things /targets `targets` must have at most 1 item that matches :thing/.']);
  assert.deepEqual(await messages(few, () => {}), []);
  const one: Policy[] = [{ id: 'acme/one-thing', given: '/targets', then: { contains: { pattern: ':thing/' }, maxContains: 1 } }];
  assert.deepEqual(await messages(one, things), ['acme/one-thing /targets `targets` must have exactly 1 item that matches :thing/.']);
  const exact: Policy[] = [{ id: 'acme/main', given: '/targets', then: { contains: { const: 'arn:aws:iot:eu-west-1:1:thinggroup/main' } } }];
  assert.deepEqual(await messages(exact, () => {}), ['acme/main /targets `targets` must have an item that is arn:aws:iot:eu-west-1:1:thinggroup/main.']);
});

keywords('not', async () => {
  const policies: Policy[] = [
    { id: 'acme/no-custom-signing', given: '/files/*/codeSigning', then: { not: { required: ['customCodeSigning'] } } },
    { id: 'acme/not-test', given: '/otaUpdateId', then: { not: { pattern: '^test-' } } },
    { id: 'acme/not-snapshot', given: '/targetSelection', then: { not: { const: 'SNAPSHOT' } } },
  ];
  assert.deepEqual(
    await messages(policies, (r) => {
      r.otaUpdateId = 'test-1';
      r.targetSelection = 'SNAPSHOT';
      r.files[0].codeSigning = { customCodeSigning: {} };
    }),
    [
      'acme/not-test /otaUpdateId `otaUpdateId` is "test-1"; it must not match ^test-.',
      'acme/no-custom-signing /files/0/codeSigning `codeSigning` is an object; it must not have `customCodeSigning`.',
      'acme/not-snapshot /targetSelection `targetSelection` is "SNAPSHOT"; it must not be SNAPSHOT.',
    ],
  );
  assert.deepEqual(await messages(policies, () => {}), []);
});

keywords('if/then/else: only the branch that applies is reported', async () => {
  const policies: Policy[] = [
    {
      id: 'acme/continuous-timeout',
      given: '',
      then: {
        if: { required: ['targetSelection'], properties: { targetSelection: { const: 'CONTINUOUS' } } },
        then: { required: ['awsJobTimeoutConfig'] },
        else: { properties: { awsJobTimeoutConfig: { properties: { inProgressTimeoutInMinutes: { maximum: 60 } } } } },
      },
    },
  ];
  assert.deepEqual(await messages(policies, (r) => (r.targetSelection = 'CONTINUOUS')), [
    'acme/continuous-timeout /awsJobTimeoutConfig Missing required member `awsJobTimeoutConfig` in the request.',
  ]);
  assert.deepEqual(await messages(policies, (r) => (r.awsJobTimeoutConfig = { inProgressTimeoutInMinutes: 90 })), [
    'acme/continuous-timeout /awsJobTimeoutConfig/inProgressTimeoutInMinutes `inProgressTimeoutInMinutes` is 90; it must be at most 60.',
  ]);
  assert.deepEqual(await messages(policies, (r) => ((r.targetSelection = 'CONTINUOUS'), (r.awsJobTimeoutConfig = { inProgressTimeoutInMinutes: 90 }))), []);
});

keywords('type, additionalProperties, dependentRequired, anyOf, oneOf and false', async () => {
  const policies: Policy[] = [
    { id: 'acme/typed', given: '/files/*/fileVersion', then: { type: 'string' } },
    { id: 'acme/stream-only', given: '/files/*/fileLocation', then: { properties: { stream: {} }, additionalProperties: false } },
    { id: 'acme/version-with-type', given: '/files/*', then: { dependentRequired: { fileVersion: ['fileType'] } } },
    { id: 'acme/any', given: '/otaUpdateId', then: { anyOf: [{ pattern: '^prod-' }, { pattern: '^beta-' }] } },
    { id: 'acme/one', given: '/roleArn', then: { oneOf: [{ pattern: ':role/' }, { pattern: '/ota$' }] } },
    { id: 'acme/no-attributes', given: '/files/*', then: { properties: { attributes: false } } },
  ];
  assert.deepEqual(
    await messages(policies, (r) => {
      r.otaUpdateId = 'dev-1';
      r.files[0].fileVersion = 2;
      r.files[0].attributes = { a: 'b' };
      r.files[0].fileLocation = { s3Location: { bucket: 'b', key: 'k' } };
    }),
    [
      'acme/any /otaUpdateId `otaUpdateId` is "dev-1"; it matches none of the schemas in anyOf.',
      'acme/version-with-type /files/0/fileType Missing required member `fileType` in `files[0]`: it is required when `fileVersion` is set.',
      'acme/stream-only /files/0/fileLocation/s3Location Unknown member `s3Location` in `files[0].fileLocation`; allowed members: stream.',
      'acme/typed /files/0/fileVersion `fileVersion` is 2 (a number); it must be a string.',
      'acme/no-attributes /files/0/attributes `attributes` is not allowed here.',
      'acme/one /roleArn `roleArn` is "arn:aws:iam::111122223333:role/ota"; it matches 2 of the schemas in oneOf, and must match exactly one.',
    ],
  );
});

keywords('then may declare draft 2020-12 with $schema', async () => {
  const policies: Policy[] = [{ id: 'acme/rate', given: '/otaUpdateId', then: { $schema: 'https://json-schema.org/draft/2020-12/schema', pattern: '^prod-' } }];
  assert.deepEqual(await messages(policies, (r) => (r.otaUpdateId = 'dev')), ['acme/rate /otaUpdateId `otaUpdateId` "dev" does not match ^prod-.']);
});

keywords('a boolean schema: false fails wherever given matches', async () => {
  const policies: Policy[] = [{ id: 'acme/no-presigned', given: '/awsJobPresignedUrlConfig', then: false }];
  assert.deepEqual(await messages(policies, (r) => (r.awsJobPresignedUrlConfig = { expiresInSec: 60 })), [
    'acme/no-presigned /awsJobPresignedUrlConfig `awsJobPresignedUrlConfig` is not allowed here.',
  ]);
  assert.deepEqual(await messages(policies, () => {}), []);
});

keywords.run();

const given = suite('policies: given, with wildcards at several levels');

given('* matches every item of a list and every member of an object, at any depth', async () => {
  const request = goodRequest();
  request.files = [
    { fileName: 'a', fileLocation: { s3Location: { bucket: 'afr-ota-prod', key: 'k' } }, attributes: { board: 'esp32', tier: 'gold' } },
    { fileName: 'b', fileLocation: { s3Location: { bucket: 'scratch', key: 'k' } }, attributes: { board: 'nrf52' } },
  ];
  const policies: Policy[] = [
    { id: 'acme/buckets', given: '/files/*/fileLocation/s3Location/bucket', then: { pattern: '^afr-ota-' } },
    { id: 'acme/attributes', given: '/files/*/attributes/*', then: { enum: ['esp32', 'gold'] } },
    { id: 'acme/first-file', given: '/files/0/fileName', then: { const: 'b' } },
    { id: 'acme/top', given: '/*', then: { not: { type: 'null' } } },
  ];
  assert.deepEqual(await messages(policies, (r) => Object.assign(r, request, { description: null })), [
    'acme/first-file /files/0/fileName `fileName` is "a"; it must be b.',
    'acme/buckets /files/1/fileLocation/s3Location/bucket `bucket` "scratch" does not match ^afr-ota-.',
    'acme/attributes /files/1/attributes/board `attributes.board` is "nrf52"; it must be one of esp32, gold.',
    'acme/top /description `description` is null; it must not be null.',
  ]);
});

given('a given that matches nothing checks nothing (require the member on its parent instead)', async () => {
  assert.deepEqual(await messages([{ id: 'acme/rate', given: '/awsJobExecutionsRolloutConfig/maximumPerMinute', then: { maximum: 1 } }], () => {}), []);
  assert.deepEqual(await messages([{ id: 'acme/second-file', given: '/files/1', then: false }], () => {}), []);
});

given('ranges: a bad value is reported at its own range, in YAML too', async () => {
  const yaml = 'otaUpdateId: prod-1\ntargets:\n  - arn:aws:iot:eu-west-1:111122223333:thing/d1\n  - arn:aws:iot:eu-west-1:111122223333:thinggroup/g\n';
  assert.deepEqual(
    await lint([{ id: 'acme/groups', given: '/targets/*', then: { pattern: ':thinggroup/' }, message: 'Target thing groups.' }], yaml, 'req.yaml'),
    ['3:5-3:48 acme/groups Target thing groups.'],
  );
});

given.run();

const wording = suite('policies: messages, severities and where they apply');

wording('message replaces the reason; {{value}}, {{path}} and {{reason}} fill in', async () => {
  const policies: Policy[] = [
    { id: 'acme/plain', given: '/otaUpdateId', then: { pattern: '^prod-' }, message: 'Release ids start with prod-.' },
    { id: 'acme/filled', given: '/otaUpdateId', then: { pattern: '^prod-' }, message: '{{path}} is {{value}}: {{ reason }}' },
  ];
  assert.deepEqual(await messages(policies, (r) => (r.otaUpdateId = 'dev-1')), [
    'acme/filled /otaUpdateId otaUpdateId is "dev-1": `otaUpdateId` "dev-1" does not match ^prod-.',
    'acme/plain /otaUpdateId Release ids start with prod-.',
  ]);
});

wording('severity: error by default, warn and info as written; rules settings and files globs apply as to any rule', async () => {
  const policies: Policy[] = [
    { id: 'acme/e', given: '/otaUpdateId', then: false },
    { id: 'acme/w', severity: 'warn', given: '/otaUpdateId', then: false },
    { id: 'acme/i', severity: 'info', given: '/otaUpdateId', then: false },
  ];
  const linter = await linterFor([{ policies }, { files: ['legacy/**'], rules: { 'acme/e': 'off', 'acme/w': 'error' } }]);
  const severities = (file: string) =>
    linter
      .lintText(JSON.stringify(goodRequest()), path.join(linter.cwd, file))
      .messages.map((m) => `${m.ruleId}:${m.severity}`)
      .sort();
  assert.deepEqual(severities('a.json'), ['acme/e:error', 'acme/i:info', 'acme/w:warning']);
  assert.deepEqual(severities('legacy/a.json'), ['acme/i:info', 'acme/w:error']);
});

wording('policies in an object with files apply to those files only; a setting may come before the policy it names', async () => {
  const linter = await linterFor([
    { rules: { 'acme/prod-id': 'warn' } },
    { files: ['prod/**'], policies: [{ id: 'acme/prod-id', given: '/otaUpdateId', then: { pattern: '^prod-' } }] },
  ]);
  const ids = (file: string) =>
    linter.lintText(JSON.stringify({ otaUpdateId: 'dev-1' }), path.join(linter.cwd, file)).messages.map((m) => `${m.ruleId}:${m.severity}`);
  assert.deepEqual(ids('prod/a.json'), ['acme/prod-id:error']);
  assert.deepEqual(ids('dev/a.json'), ['acme/prod-id:warning']);
});

wording('policies in an object with ignores skip those files', async () => {
  const linter = await linterFor([{ ignores: ['**/legacy/**'], policies: [{ id: 'acme/prod-id', given: '/otaUpdateId', then: { pattern: '^prod-' } }] }]);
  const ids = (file: string) => linter.lintText(JSON.stringify({ otaUpdateId: 'dev-1' }), path.join(linter.cwd, file)).messages.map((m) => m.ruleId);
  assert.deepEqual(ids('fleet/a.json'), ['acme/prod-id']);
  assert.deepEqual(ids('fleet/legacy/a.json'), []);
});

wording('suppressions and unsuppressible name policies like rules', async () => {
  const policy: Policy = { id: 'acme/prod-id', given: '/otaUpdateId', then: { pattern: '^prod-' } };
  const suppression = { files: ['a.json'], path: '/otaUpdateId', rule: 'acme/prod-id', reason: 'migration ticket OTA-12' };
  const waived = await linterFor([{ policies: [policy], suppressions: [suppression] }]);
  const result = waived.lintText(JSON.stringify({ otaUpdateId: 'dev-1' }), path.join(waived.cwd, 'a.json'));
  assert.deepEqual(result.messages, []);
  assert.deepEqual(
    result.suppressedMessages?.map((m) => [m.ruleId, m.suppressions[0]?.justification]),
    [['acme/prod-id', 'migration ticket OTA-12']],
  );
  // The lock may come before the policy it names; the suppression it overrides is itself reported.
  const locked = await linterFor([{ suppressions: [suppression], unsuppressible: ['acme/prod-id'] }, { policies: [policy] }]);
  assert.deepEqual(
    locked.lintText(JSON.stringify({ otaUpdateId: 'dev-1' }), path.join(locked.cwd, 'a.json')).messages.map((m) => m.ruleId),
    ['acme/prod-id', 'invalid-suppression'],
  );
});

wording('the policy is a rule: namespaced id, description, category, severity, inline docs', async () => {
  const linter = await linterFor([
    { policies: [{ id: 'acme/max-rate', severity: 'warn', given: '/awsJobExecutionsRolloutConfig/maximumPerMinute', then: { maximum: 100 } }] },
  ]);
  const rule = linter.config.rules.get('acme/max-rate')!;
  assert.equal(rule.meta.id, 'max-rate');
  assert.equal(rule.meta.category, 'policy');
  assert.equal(rule.meta.defaultSeverity, 'warning');
  assert.equal(rule.meta.description, '`/awsJobExecutionsRolloutConfig/maximumPerMinute` satisfies {"maximum":100}.');
  assert.equal(rule.docsUrl, '');
  assert.match(
    rule.docs ?? '',
    /^## Policy\n\nDeclared in \.otalintrc\.json at \[0\]\.policies\[0\]\. Every value at `\/awsJobExecutionsRolloutConfig\/maximumPerMinute` must/,
  );
  const described = await linterFor([{ policies: [{ id: 'acme/x', given: '', then: true, description: 'Says x.', docsUrl: 'https://wiki.example.com/x' }] }]);
  assert.equal(described.config.rules.get('acme/x')!.meta.description, 'Says x.');
  assert.equal(described.config.rules.get('acme/x')!.docsUrl, 'https://wiki.example.com/x');
});

wording.run();

const unknowns = suite('policies: values known only at run time never fail a policy');

/** Lint a JSON text where "$X" is unknown and "...": "" makes its object (or list) open. */
async function lintUnknowns(policies: readonly Policy[], text: string): Promise<string[]> {
  const linter = await linterFor([{ policies }]);
  return linter.lintDocument(readWithUnknowns(path.join(linter.cwd, 'req.json'), text)).messages.map((m) => `${m.ruleId} ${m.path}`);
}

unknowns('an unknown value, or a value holding one, is never judged', async () => {
  const policies: Policy[] = [
    { id: 'acme/account', given: '/roleArn', then: { pattern: '^arn:aws:iam::111122223333:' } },
    { id: 'acme/groups', given: '/targets/*', then: { pattern: ':thinggroup/' } },
    { id: 'acme/main-group', given: '/targets', then: { contains: { const: 'arn:aws:iot:eu-west-1:111122223333:thinggroup/main' } } },
    { id: 'acme/abort', given: '/awsJobAbortConfig', then: { const: { abortCriteriaList: [] } } },
  ];
  assert.deepEqual(
    await lintUnknowns(
      policies,
      '{ "roleArn": "$ROLE", "targets": ["$TARGET", "arn:aws:iot:eu-west-1:1:thing/x"], "awsJobAbortConfig": { "abortCriteriaList": "$CRITERIA" } }',
    ),
    ['acme/groups /targets/1'],
  );
  assert.deepEqual(await lintUnknowns(policies, '{ "roleArn": "arn:aws:iam::9:role/r", "targets": ["arn:aws:iot:eu-west-1:1:thing/x"] }'), [
    'acme/account /roleArn',
    'acme/main-group /targets',
    'acme/groups /targets/0',
  ]);
});

unknowns('required never fails on an open object, but does on a known one whose other members are unknown', async () => {
  const policies: Policy[] = [{ id: 'acme/abort', given: '', then: { required: ['awsJobAbortConfig'] } }];
  assert.deepEqual(await lintUnknowns(policies, '{ "roleArn": "$ROLE", "...": "" }'), []);
  assert.deepEqual(await lintUnknowns(policies, '{ "roleArn": "$ROLE" }'), ['acme/abort /awsJobAbortConfig']);
});

unknowns('counts: an open list is never counted; a list with unknown items still has a known length', async () => {
  const policies: Policy[] = [{ id: 'acme/few', given: '/targets', then: { maxItems: 1 } }];
  assert.deepEqual(await lintUnknowns(policies, '{ "targets": ["$A", "$B"] }'), ['acme/few /targets']);
  assert.deepEqual(await lintUnknowns(policies, '{ "targets": ["a", "b", "..."] }'), []);
});

unknowns('a policy whose verdict depends on other values (if/then, anyOf) waits for a fully known value', async () => {
  const policies: Policy[] = [
    {
      id: 'acme/continuous-timeout',
      given: '',
      then: {
        if: { properties: { targetSelection: { not: { const: 'SNAPSHOT' } } } },
        then: { properties: { awsJobTimeoutConfig: { required: ['inProgressTimeoutInMinutes'] } } },
      },
    },
  ];
  assert.deepEqual(await lintUnknowns(policies, '{ "targetSelection": "$SELECTION", "awsJobTimeoutConfig": {} }'), []);
  assert.deepEqual(await lintUnknowns(policies, '{ "targetSelection": "CONTINUOUS", "awsJobTimeoutConfig": {} }'), [
    'acme/continuous-timeout /awsJobTimeoutConfig/inProgressTimeoutInMinutes',
  ]);
});

unknowns('a given through an unknown value selects nothing', async () => {
  const policies: Policy[] = [{ id: 'acme/signed', given: '/files/*/codeSigning', then: false }];
  assert.deepEqual(await lintUnknowns(policies, '{ "files": "$FILES" }'), []);
  assert.deepEqual(await lintUnknowns(policies, '{ "files": ["$FILE", { "codeSigning": {} }] }'), ['acme/signed /files/1/codeSigning']);
});

unknowns.run();

const errors = suite('policies: a broken policy is a config error naming the file, the policy and the problem');

const at = (detail: RegExp) => detail;
const cases: Array<[string, unknown, RegExp]> = [
  ['not a list', { policies: { id: 'acme/x' } }, at(/^\.otalintrc\.json: \[0\]\.policies: must be a list of policies/)],
  ['not an object', { policies: ['acme/x'] }, at(/^\.otalintrc\.json: \[0\]\.policies\[0\]: must be a policy object/)],
  [
    'no id',
    { policies: [{ given: '', then: {} }] },
    at(/\[0\]\.policies\[0\]\.id: a policy needs an id "<namespace>\/<name>" such as "acme\/abort-required".*got undefined/),
  ],
  [
    'a bare id',
    { policies: [{ id: 'max-rate', given: '', then: {} }] },
    at(/\.id: a policy needs an id "<namespace>\/<name>".*never clashes with a built-in rule; got "max-rate"/),
  ],
  [
    'a name not in kebab-case',
    { policies: [{ id: 'acme/MaxRate', given: '', then: {} }] },
    at(/\.id: a policy needs an id "<namespace>\/<name>".*got "acme\/MaxRate"/),
  ],
  [
    'a severity from Object.prototype',
    { policies: [{ id: 'acme/x', given: '', then: {}, severity: 'toString' }] },
    at(/\.severity: policy "acme\/x": "toString" is not a policy severity/),
  ],
  [
    'the built-in namespace',
    { policies: [{ id: 'otalint/x', given: '', then: {} }] },
    at(/\.id: policy "otalint\/x": "otalint" is reserved for the built-in rules/),
  ],
  [
    'an unknown key',
    { policies: [{ id: 'acme/x', given: '', then: {}, severty: 'warn' }] },
    at(/\[0\]\.policies\[0\]\.severty: policy "acme\/x": unknown key; did you mean "severity"\? Allowed: id, severity, message/),
  ],
  [
    'a bad severity',
    { policies: [{ id: 'acme/x', given: '', then: {}, severity: 'off' }] },
    at(/\.severity: policy "acme\/x": "off" is not a policy severity; use "error"/),
  ],
  [
    'an unknown placeholder',
    { policies: [{ id: 'acme/x', given: '', then: {}, message: 'bad {{valeu}}' }] },
    at(/\.message: policy "acme\/x": unknown placeholder \{\{valeu\}\}; a message may use \{\{value\}\}/),
  ],
  [
    'a docsUrl that is no URL',
    { policies: [{ id: 'acme/x', given: '', then: {}, docsUrl: 'wiki page' }] },
    at(/\.docsUrl: policy "acme\/x": "wiki page" is not a URL/),
  ],
  ['no given', { policies: [{ id: 'acme/x', then: {} }] }, at(/\[0\]\.policies\[0\]: policy "acme\/x": has no "given"/)],
  ['no then', { policies: [{ id: 'acme/x', given: '' }] }, at(/\[0\]\.policies\[0\]: policy "acme\/x": has no "then"/)],
  [
    'given not a pointer',
    { policies: [{ id: 'acme/x', given: 'roleArn', then: {} }] },
    at(/\.given: policy "acme\/x": must be a JSON pointer into the request such as "\/files\/\*\/codeSigning"/),
  ],
  [
    'given with a misspelt member',
    { policies: [{ id: 'acme/x', given: '/awsJobExecutionsRolloutConfig/maximumPerMinut', then: {} }] },
    at(
      /\.given: policy "acme\/x": "\/awsJobExecutionsRolloutConfig\/maximumPerMinut" leaves the request at "maximumPerMinut": `awsJobExecutionsRolloutConfig` has no member "maximumPerMinut"; did you mean "maximumPerMinute"\?/,
    ),
  ],
  [
    'given naming a list item by name',
    { policies: [{ id: 'acme/x', given: '/files/codeSigning', then: {} }] },
    at(/"\/files\/codeSigning" leaves the request at "codeSigning": `files` is a list: name an item by its index, or every item with \* \("\/files\/\*"\)/),
  ],
  [
    'given below a string',
    { policies: [{ id: 'acme/x', given: '/roleArn/0', then: {} }] },
    at(/leaves the request at "0": `roleArn` is a string, which has no members/),
  ],
  ['given with a stray ~', { policies: [{ id: 'acme/x', given: '/files/~2', then: {} }] }, at(/"\/files\/~2" has a "~" that is not an escape/)],
  [
    'then not a schema',
    { policies: [{ id: 'acme/x', given: '', then: 'required' }] },
    at(/\.then: policy "acme\/x": must be a JSON Schema \(draft 2020-12\) object/),
  ],
  [
    'a misspelt keyword',
    { policies: [{ id: 'acme/x', given: '', then: { maximun: 3 } }] },
    at(/\.then: policy "acme\/x": unknown JSON Schema keyword "maximun"; did you mean "maximum"\?/),
  ],
  [
    'an invalid keyword value',
    { policies: [{ id: 'acme/x', given: '', then: { type: 'strin' } }] },
    at(/\.then: policy "acme\/x": is not a valid JSON Schema: type must be equal to one of the allowed values \(array, boolean/),
  ],
  [
    'a negative minLength',
    { policies: [{ id: 'acme/x', given: '', then: { properties: { otaUpdateId: { minLength: -1 } } } }] },
    at(/\.then: policy "acme\/x": is not a valid JSON Schema: properties\.otaUpdateId\.minLength must be >= 0\./),
  ],
  [
    'an empty anyOf',
    { policies: [{ id: 'acme/x', given: '', then: { anyOf: [] } }] },
    at(/is not a valid JSON Schema: anyOf must NOT have fewer than 1 items\./),
  ],
  [
    'an invalid pattern',
    { policies: [{ id: 'acme/x', given: '', then: { pattern: '([' } }] },
    at(/\.then: policy "acme\/x": cannot be compiled: Invalid regular expression/),
  ],
  [
    'a $ref',
    { policies: [{ id: 'acme/x', given: '', then: { $defs: { a: {} }, properties: { roleArn: { $ref: '#/$defs/a' } } } }] },
    at(/\.then: policy "acme\/x": \$ref is not allowed in a policy/),
  ],
  [
    'another draft',
    { policies: [{ id: 'acme/x', given: '', then: { $schema: 'http://json-schema.org/draft-07/schema#' } }] },
    at(/policies are JSON Schema draft 2020-12/),
  ],
  [
    'a format',
    { policies: [{ id: 'acme/x', given: '/description', then: { format: 'date-time' } }] },
    at(/"format": "date-time" is not supported in policies; use "pattern"/),
  ],
];
for (const [name, object, expected] of cases) {
  errors(name, async () => {
    const error = await configError([object]);
    assert.match(error.message, expected);
  });
}

errors('the precompiled meta-schema check is up to date, and agrees with ajv compiling the meta-schema', async () => {
  const generated = fileURLToPath(new URL('../src/schema/generated/validate-json-schema.ts', import.meta.url));
  assert.ok(buildMetaValidatorSource() === readFileSync(generated, 'utf8'), 'validate-json-schema.ts is out of date: run node scripts/build.mjs');
  const { validateJsonSchema } = await import('../src/schema/generated/validate-json-schema.js');
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const reference = new Ajv2020();
  const samples = [
    { maximum: 1 },
    { type: 'strin' },
    { properties: { a: { minLength: -1 } } },
    { items: { required: [1] } },
    { anyOf: [] },
    { if: { const: 1 }, then: false },
    true,
  ];
  for (const sample of samples) assert.equal(validateJsonSchema(sample), reference.validateSchema(sample), JSON.stringify(sample));
});

errors('one id declared twice, even identically, names both places', async () => {
  const policy = { id: 'acme/x', given: '', then: {} };
  const error = await configError([{ policies: [policy] }, { files: ['a/**'], policies: [policy] }]);
  assert.match(
    error.message,
    /^\.otalintrc\.json: \[1\]\.policies\[0\]\.id: policy "acme\/x": declared twice \(also at \[0\]\.policies\[0\]\); give each policy its own id\./,
  );
});

errors("a policy may not take a plugin rule's id", async () => {
  const plugin = `export default { meta: { name: 'acme', version: '1' }, rules: { x: { meta: { id: 'x', description: 'x', category: 'files', defaultSeverity: 'error', certainty: 'documented', messages: { m: 'm' } }, defaultOptions: {}, docsUrl: '', check() {} } } };`;
  const error = await configError([{ plugins: { acme: './acme.mjs' } }, { policies: [{ id: 'acme/x', given: '', then: {} }] }], { 'acme.mjs': plugin });
  assert.match(error.message, /\[1\]\.policies\[0\]\.id: policy "acme\/x": a plugin's rule has this id/);
});

errors.run();

const presets = suite('policies: shared as presets in a plugin package');

const ACME_PACKAGE = {
  'node_modules/otalint-plugin-acme/package.json': JSON.stringify({ name: 'otalint-plugin-acme', version: '2.1.0', type: 'module', main: 'index.js' }),
  'node_modules/otalint-plugin-acme/index.js': `export default {
  meta: { name: 'otalint-plugin-acme', version: '2.1.0' },
  configs: {
    release: {
      policies: [
        { id: 'acme/abort-required', message: 'Every update needs an abort config (release policy 4.2).', given: '', then: { required: ['awsJobAbortConfig'] } },
        { id: 'acme/max-rate', severity: 'warn', given: '/awsJobExecutionsRolloutConfig/maximumPerMinute', then: { maximum: 100 } },
      ],
    },
  },
};
`,
};

presets('an organisation publishes its policies once; a JSON config extends them by package name', async () => {
  const linter = await linterFor([{ plugins: { acme: 'otalint-plugin-acme' }, extends: ['acme/release'] }], ACME_PACKAGE);
  const request = { ...goodRequest(), awsJobExecutionsRolloutConfig: { maximumPerMinute: 500 } };
  const result = linter.lintText(JSON.stringify(request), path.join(linter.cwd, 'req.json'));
  assert.deepEqual(
    result.messages.map((m) => `${m.ruleId}:${m.severity} ${m.message}`),
    [
      'acme/abort-required:error Every update needs an abort config (release policy 4.2).',
      'acme/max-rate:warning `maximumPerMinute` is 500; it must be at most 100.',
    ],
  );
});

presets('a preset extended for two globs is one policy, on in both', async () => {
  const linter = await linterFor(
    [{ plugins: { acme: 'otalint-plugin-acme' } }, { files: ['eu/**'], extends: ['acme/release'] }, { files: ['us/**'], extends: ['acme/release'] }],
    ACME_PACKAGE,
  );
  const ids = (file: string) => linter.lintText(JSON.stringify(goodRequest()), path.join(linter.cwd, file)).messages.map((m) => m.ruleId);
  assert.deepEqual(ids('eu/a.json'), ['acme/abort-required']);
  assert.deepEqual(ids('us/a.json'), ['acme/abort-required']);
  assert.deepEqual(ids('apac/a.json'), []);
});

presets('a broken policy in a preset names the preset path and the policy', async () => {
  const broken = {
    'node_modules/otalint-plugin-acme/package.json': ACME_PACKAGE['node_modules/otalint-plugin-acme/package.json'],
    'node_modules/otalint-plugin-acme/index.js': `export default { meta: { name: 'acme', version: '1' }, configs: { release: { policies: [{ id: 'acme/rate', given: '/rollout', then: {} }] } } };`,
  };
  const error = await configError([{ plugins: { acme: 'otalint-plugin-acme' }, extends: ['acme/release'] }], broken);
  assert.match(
    error.message,
    /^\.otalintrc\.json: \[0\]\.extends\[0\]\.policies\[0\]\.given: policy "acme\/rate": "\/rollout" leaves the request at "rollout"/,
  );
});

presets('otalint.config.mjs holds policies the same way', async () => {
  const linter = await linterFor([], {
    'otalint.config.mjs': `export default [{ policies: [{ id: 'acme/id', given: '/otaUpdateId', then: { pattern: '^prod-' } }] }];`,
  });
  // .otalintrc.json comes after otalint.config.mjs in the lookup order: the .mjs file wins.
  assert.equal(path.basename(linter.config.configFile!), 'otalint.config.mjs');
  assert.deepEqual(
    linter.lintText(JSON.stringify({ otaUpdateId: 'dev' }), path.join(linter.cwd, 'a.json')).messages.map((m) => m.ruleId),
    ['acme/id'],
  );
});

presets.run();
