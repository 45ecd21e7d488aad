import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/targets-same-scope.js';
import { rangeOf } from './support/position.js';

const thing = (partition: string, region: string, account: string, name = 'a') => `arn:${partition}:iot:${region}:${account}:thing/${name}`;
const role = (partition: string, account: string) => `arn:${partition}:iam::${account}:role/ota`;
const json = (targets: string[], roleArn?: string) => `{\n  "targets": ${JSON.stringify(targets)}${roleArn ? `,\n  "roleArn": "${roleArn}"` : ''}\n}\n`;
const mixed = (what: string, values: string, field: string) =>
  `Targets span several ${what} (${values}): an OTA update is created in one region of one account and reaches only things there. Split it into one request per ${field}.`;
const elsewhere = (field: string, roleValue: string, targets: string) =>
  `The role is in ${field} ${roleValue}, but the targets are in ${field} ${targets}: the service assumes the role in the targets' ${field}. Use a role from the same ${field}.`;

const regions = json([thing('aws', 'us-east-1', '123456789012'), thing('aws', 'eu-west-1', '123456789012', 'b')], role('aws', '123456789012'));
const accounts = json([thing('aws', 'us-east-1', '123456789012'), thing('aws', 'us-east-1', '210987654321', 'b')]);
const partitions = json([thing('aws', 'us-east-1', '123456789012'), thing('aws-cn', 'cn-north-1', '123456789012', 'b')]);
const roleAccount = json([thing('aws', 'us-east-1', '123456789012')], role('aws', '999999999999'));
const roleLongerAccount = json([thing('aws', 'us-east-1', '123456789012')], role('aws', '1234567890123'));
const rolePartition = json([thing('aws-us-gov', 'us-gov-west-1', '123456789012')], role('aws', '123456789012'));

testRule(rule, {
  valid: [
    {
      name: 'one scope, matching role',
      code: json([thing('aws', 'us-east-1', '123456789012'), thing('aws', 'us-east-1', '123456789012', 'b')], role('aws', '123456789012')),
    },
    { name: 'China partition', code: json([thing('aws-cn', 'cn-north-1', '123456789012')], role('aws-cn', '123456789012')) },
    { name: "malformed targets are target-arn-format's", code: json(['device1', thing('aws', 'us-east-1', '123456789012')], role('aws', '123456789012')) },
    { name: 'no role', code: json([thing('aws', 'us-east-1', '123456789012')]) },
    { name: 'a role ARN with a region field', code: json([thing('aws', 'us-east-1', '123456789012')], 'arn:aws:iam:us-east-1:123456789012:role/ota') },
  ],
  invalid: [
    {
      name: 'two regions',
      code: regions,
      errors: [
        {
          message: mixed('regions', 'us-east-1, eu-west-1', 'region'),
          ...rangeOf(regions, '['),
          endColumn: rangeOf(regions, ']').endColumn,
          endLine: rangeOf(regions, ']').endLine,
          path: '/targets',
        },
      ],
    },
    {
      name: 'two accounts',
      code: accounts,
      errors: [{ message: mixed('accounts', '123456789012, 210987654321', 'account'), ...rangeOf(accounts, '['), endColumn: rangeOf(accounts, ']').endColumn }],
    },
    {
      name: 'two partitions (and so two regions)',
      code: partitions,
      errors: [
        { message: mixed('partitions', 'aws, aws-cn', 'partition'), ...rangeOf(partitions, '['), endColumn: rangeOf(partitions, ']').endColumn },
        { message: mixed('regions', 'us-east-1, cn-north-1', 'region'), ...rangeOf(partitions, '['), endColumn: rangeOf(partitions, ']').endColumn },
      ],
    },
    {
      name: "role in an account that starts with the targets' account",
      code: roleLongerAccount,
      errors: [
        {
          message: elsewhere('account', '1234567890123', '123456789012'),
          ...rangeOf(roleLongerAccount, `"${role('aws', '1234567890123')}"`),
          path: '/roleArn',
        },
      ],
    },
    {
      name: 'role in another account',
      code: roleAccount,
      errors: [
        { message: elsewhere('account', '999999999999', '123456789012'), ...rangeOf(roleAccount, `"${role('aws', '999999999999')}"`), path: '/roleArn' },
      ],
    },
    {
      name: 'role in another partition',
      code: rolePartition,
      errors: [{ message: elsewhere('partition', 'aws', 'aws-us-gov'), ...rangeOf(rolePartition, `"${role('aws', '123456789012')}"`) }],
    },
  ],
});

const cost = suite('targets-same-scope: what a right role costs');
cost("a role in the targets' partition and account is told without walking the targets for unknown values", () => {
  let asked = 0;
  const count = (key: string | symbol) => {
    if (typeof key === 'symbol') asked++;
  };
  const targets = new Proxy([thing('aws', 'us-east-1', '123456789012')], {
    get: (target, key, receiver) => (count(key), Reflect.get(target, key, receiver)),
    getOwnPropertyDescriptor: (target, key) => (count(key), Reflect.getOwnPropertyDescriptor(target, key)),
  });
  const reports: unknown[] = [];
  rule.check!({ request: { targets, roleArn: role('aws', '123456789012') }, report: (report: unknown) => reports.push(report) } as never);
  assert.deepEqual(reports, []);
  assert.equal(asked, 0, `${asked} questions asked of the targets`);
});
cost.run();
