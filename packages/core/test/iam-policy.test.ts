import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { evaluatePolicies, trustAllowsService, withBoundary, type NamedPolicy } from '../src/util/iam-policy.js';

const test = suite('iam-policy: evaluating identity policies without the simulator');
const policy = (...Statement: object[]): NamedPolicy => ({ name: 'inline policy "p"', document: { Version: '2012-10-17', Statement } });
const verdict = (policies: NamedPolicy[], action: string, resource: string) => evaluatePolicies(policies, action, resource).verdict;
const OBJECT = 'arn:aws:s3:::afr-ota-fw/fw.bin';

test('Allow with exact names, wildcards (actions case-insensitively), and nothing allowed', () => {
  assert.equal(verdict([policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT })], 's3:GetObject', OBJECT), 'allowed');
  assert.equal(verdict([policy({ Effect: 'Allow', Action: 'S3:get*', Resource: 'arn:aws:s3:::afr-ota*/*' })], 's3:GetObjectVersion', OBJECT), 'allowed');
  assert.equal(verdict([policy({ Effect: 'Allow', Action: '*', Resource: '*' })], 'iam:PassRole', 'arn:aws:iam::1:role/r'), 'allowed');
  assert.equal(verdict([policy({ Effect: 'Allow', Action: 's3:GetObjec?', Resource: OBJECT })], 's3:GetObject', OBJECT), 'allowed');
  assert.equal(verdict([policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' })], 's3:GetObject', OBJECT), 'not-allowed');
  // Resources are case-sensitive.
  assert.equal(verdict([policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::AFR-OTA-FW/*' })], 's3:GetObject', OBJECT), 'not-allowed');
  assert.equal(verdict([], 's3:GetObject', OBJECT), 'not-allowed');
  // A single statement object (not a list) is a policy too; a regex character in a name is literal.
  assert.equal(
    verdict(
      [{ name: 'p', document: { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::afr.ota/*' } } }],
      's3:GetObject',
      'arn:aws:s3:::afrXota/k',
    ),
    'not-allowed',
  );
});

test('an explicit Deny wins over any Allow, in any policy', () => {
  const allow = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
  const deny: NamedPolicy = {
    name: 'managed policy arn:aws:iam::1:policy/no',
    document: { Statement: [{ Sid: 'NoFw', Effect: 'Deny', Action: 's3:GetObject', Resource: OBJECT }] },
  };
  assert.deepEqual(evaluatePolicies([allow, deny], 's3:GetObject', OBJECT), {
    verdict: 'denied',
    detail: 'denied by statement "NoFw" of managed policy arn:aws:iam::1:policy/no',
  });
  assert.equal(verdict([allow, deny], 's3:GetObjectVersion', OBJECT), 'allowed');
});

test('NotAction and NotResource', () => {
  assert.equal(verdict([policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], 's3:GetObject', OBJECT), 'allowed');
  assert.equal(verdict([policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], 'iam:PassRole', 'arn:aws:iam::1:role/r'), 'not-allowed');
  assert.equal(verdict([policy({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })], 's3:GetObject', OBJECT), 'allowed');
  assert.equal(verdict([policy({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::afr-ota-fw/*' })], 's3:GetObject', OBJECT), 'not-allowed');
  assert.equal(
    verdict(
      [policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', NotAction: ['s3:GetObject'], Resource: '*' })],
      'iam:PassRole',
      'arn:aws:iam::1:role/r',
    ),
    'denied',
  );
});

test('conditions and policy variables are not guessed: undetermined', () => {
  const conditional = policy({
    Sid: 'Tagged',
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: OBJECT,
    Condition: { StringEquals: { 's3:ExistingObjectTag/ota': 'yes' } },
  });
  assert.deepEqual(evaluatePolicies([conditional], 's3:GetObject', OBJECT), {
    verdict: 'undetermined',
    detail: 'only statement "Tagged" of inline policy "p" allows it, under conditions or policy variables otalint does not evaluate',
  });
  const variable = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::${aws:username}/*' });
  assert.equal(verdict([variable], 's3:GetObject', OBJECT), 'undetermined');
  const maybeDeny = policy(
    { Effect: 'Allow', Action: 's3:*', Resource: '*' },
    { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  );
  assert.equal(verdict([maybeDeny], 's3:GetObject', OBJECT), 'undetermined');
  // An empty Condition block is no condition.
  assert.equal(verdict([policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT, Condition: {} })], 's3:GetObject', OBJECT), 'allowed');
});

test('a permissions boundary must allow too', () => {
  const allowed = { verdict: 'allowed' as const, detail: 'allowed by x' };
  assert.equal(withBoundary(allowed, { verdict: 'allowed' }).verdict, 'allowed');
  assert.deepEqual(withBoundary(allowed, { verdict: 'not-allowed' }), { verdict: 'not-allowed', detail: 'the permissions boundary does not allow it' });
  assert.equal(withBoundary(allowed, { verdict: 'denied', detail: 'denied by y' }).verdict, 'denied');
  assert.equal(withBoundary({ verdict: 'not-allowed' }, { verdict: 'allowed' }).verdict, 'not-allowed');
  assert.equal(withBoundary(allowed, { verdict: 'undetermined', detail: 'maybe' }).verdict, 'undetermined');
});

test('trust policies: the service principal, lists, wildcards, Deny', () => {
  const trust = (...Statement: object[]) => trustAllowsService({ Statement }, 'iot.amazonaws.com').verdict;
  assert.equal(trust({ Effect: 'Allow', Principal: { Service: 'iot.amazonaws.com' }, Action: 'sts:AssumeRole' }), 'allowed');
  assert.equal(
    trust({ Effect: 'Allow', Principal: { Service: ['s3.amazonaws.com', 'iot.amazonaws.com'] }, Action: ['sts:AssumeRole', 'sts:TagSession'] }),
    'allowed',
  );
  assert.equal(trust({ Effect: 'Allow', Principal: '*', Action: 'sts:*' }), 'allowed');
  assert.equal(trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 'sts:AssumeRole' }), 'not-allowed');
  assert.equal(trust({ Effect: 'Allow', Principal: { Service: 'iot.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }), 'not-allowed');
  assert.equal(
    trust(
      { Effect: 'Allow', Principal: { Service: 'iot.amazonaws.com' }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { Service: 'iot.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ),
    'denied',
  );
  assert.equal(trustAllowsService(undefined, 'iot.amazonaws.com').verdict, 'not-allowed');
});

test.run();
