import { PARTITIONS } from '@otalint/core';
import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/role-arn-format.js';
import { rangeOf } from './support/position.js';
import { FILES, GROUP } from './support/command-line.js';

const missing = (value: string, fixed: string) =>
  `\`roleArn\` "${value}" lacks the empty region field: IAM ARNs have two colons after "iam" ("${fixed}"). Insert the missing colon.`;
const malformed = (value: string, reason: string) =>
  `\`roleArn\` "${value}" is not an IAM role ARN: ${reason}. It must look like arn:aws:iam::123456789012:role/<optional path/><name>.`;
const json = (value: string) => `{\n  "roleArn": "${value}"\n}\n`;
const invalid = (value: string, reason: string) => ({
  name: value,
  code: json(value),
  errors: [{ message: malformed(value, reason), ...rangeOf(json(value), `"${value}"`), path: '/roleArn' }],
});

/** A role written on a command line, known only in part. */
const script = (role: string) => `#!/bin/bash\naws iot create-ota-update --ota-update-id fw-1 --targets ${GROUP} --files ${FILES} --role-arn ${role}\n`;
const prefix = (source: string, reason: string) =>
  `\`roleArn\` "${source}" can never be an IAM role ARN, whatever it holds at run time: ${reason}. It must look like arn:aws:iam::123456789012:role/<optional path/><name>.`;
const invalidPrefix = (source: string, reason: string) => ({
  name: `known in part: ${source}`,
  code: script(`"${source}"`),
  format: 'shell' as const,
  errors: [{ message: prefix(source, reason), ...rangeOf(script(`"${source}"`), source), path: '/roleArn' }],
});

const docsExample = 'arn:aws:iam:123456789012:role/service-role/my_ota_role';
const docsFixed = 'arn:aws:iam::123456789012:role/service-role/my_ota_role';
const chinaMissing = 'arn:aws-cn:iam:123456789012:role/ota';

testRule(rule, {
  valid: [
    ...PARTITIONS.map((partition) => ({ name: `partition ${partition}`, code: json(`arn:${partition}:iam::123456789012:role/ota-role`) })),
    { name: 'with a path', code: json('arn:aws:iam::123456789012:role/service-role/ota/my_ota+role=1,2.x@y') },
    { name: 'under 20 characters: the model check reports the length', code: json('arn:aws:iam::1:r') },
    ...[
      '"$ROLE_ARN"',
      '"arn:aws:iam::${ACCOUNT_ID}:role/ota"',
      '"arn:aws:iam::123456789012:role/$ROLE_NAME"',
      '"arn:aws:iam:$REST"',
      '"arn:${PARTITION}:iam::123456789012:role/ota"',
    ].map((written) => ({ name: `known in part, and can still be a role ARN: ${written}`, code: script(written), format: 'shell' as const })),
  ],
  invalid: [
    invalidPrefix('arn:aws:iam:123456789012:role/$ROLE_NAME', 'the region field is "123456789012"; it must be empty (IAM is global: arn:aws:iam::...)'),
    invalidPrefix('arn:aws:iot::$ACCOUNT:role/ota', 'the service is "iot"; it must be "iam"'),
    invalidPrefix('arn:aws:iam::123456789012:user/$NAME', 'the resource, starting "user/", is not a role (role/<name>)'),
    invalidPrefix('role/$ROLE_NAME', 'it starts "role/", so it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)'),
    {
      name: 'AWS CLI docs example',
      code: json(docsExample),
      errors: [{ message: missing(docsExample, docsFixed), ...rangeOf(json(docsExample), `"${docsExample}"`) }],
      output: json(docsFixed),
    },
    {
      name: 'missing region field, aws-cn, YAML',
      code: `roleArn: ${chinaMissing}\n`,
      errors: [
        { message: missing(chinaMissing, 'arn:aws-cn:iam::123456789012:role/ota'), line: 1, column: 10, endLine: 1, endColumn: 10 + chinaMissing.length },
      ],
      output: 'roleArn: arn:aws-cn:iam::123456789012:role/ota\n',
    },
    invalid('arn:aws:iam:us-east-1:123456789012:role/ota', 'the region field is "us-east-1"; it must be empty (IAM is global: arn:aws:iam::...)'),
    invalid('arn:aws:iot::123456789012:role/ota-role', 'the service is "iot"; it must be "iam"'),
    invalid('arn:amazon:iam::123456789012:role/ota-role', `the partition "amazon" is not one of ${PARTITIONS.join(', ')}`),
    invalid('arn:aws:iam::12345678901:role/ota-role', 'the account "12345678901" must be 12 digits'),
    invalid('arn:aws:iam::123456789012:user/ota-role', 'the resource "user/ota-role" is not a role (role/<name>)'),
    invalid(
      'arn:aws:iam::123456789012:role/ota role',
      'the role name in "role/ota role" must be 1 to 64 of letters, digits and + = , . @ _ -, after an optional /path/',
    ),
    invalid('my-ota-role-for-sensors', 'it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)'),
  ],
});
