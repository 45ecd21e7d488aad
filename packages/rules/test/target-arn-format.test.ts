import { PARTITIONS } from '@otalint/core';
import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/target-arn-format.js';
import { rangeOf } from './support/position.js';
import { command } from './support/command-line.js';

const bare = (value: string) =>
  `Target "${value}" is a name, not an ARN: targets are thing or thing-group ARNs such as arn:aws:iot:us-east-1:123456789012:thing/${value} (or .../thinggroup/<group>). Write the full ARN.`;
const malformed = (value: string, reason: string) =>
  `Target "${value}" is not a thing or thing-group ARN: ${reason}. It must look like arn:aws:iot:us-east-1:123456789012:thing/<name> or .../thinggroup/<name>.`;
const json = (...targets: string[]) => `{\n  "targets": [${targets.map((t) => JSON.stringify(t)).join(', ')}]\n}\n`;
const invalid = (value: string, reason: string) => ({
  name: value,
  code: json(value),
  errors: [{ message: malformed(value, reason), ...rangeOf(json(value), JSON.stringify(value)) }],
});
const regionOf: Record<string, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-iso': 'us-iso-east-1',
  'aws-iso-b': 'us-isob-east-1',
  'aws-iso-e': 'eu-isoe-west-1',
  'aws-iso-f': 'us-isof-south-1',
  'aws-eusc': 'eusc-de-east-1',
};

const docs = json('device1', 'device2');

/** A target written on a command line, known only in part. */
const script = (target: string) => command(`--targets ${target}`);
const prefix = (source: string, reason: string) =>
  `Target "${source}" can never be a thing or thing-group ARN, whatever it holds at run time: ${reason}. It must look like arn:aws:iot:us-east-1:123456789012:thing/<name> or .../thinggroup/<name>.`;
const invalidPrefix = (written: string, source: string, reason: string) => ({
  name: `known in part: ${written}`,
  code: script(written),
  format: 'shell' as const,
  errors: [{ message: prefix(source, reason), ...rangeOf(script(written), source), path: '/targets/0' }],
});

testRule(rule, {
  valid: [
    ...PARTITIONS.map((partition) => ({
      name: `thing in ${partition}`,
      code: json(`arn:${partition}:iot:${regionOf[partition]}:123456789012:thing/sensor-1`),
    })),
    { name: 'thing group', code: json('arn:aws:iot:eu-west-1:123456789012:thinggroup/fleet_a') },
    {
      name: 'names with colons',
      code: json('arn:aws:iot:us-east-1:123456789012:thing/site:lab:sensor-1', 'arn:aws:iot:us-east-1:123456789012:thinggroup/a:b'),
    },
    { name: '128-character name', code: json(`arn:aws:iot:us-east-1:123456789012:thing/${'a'.repeat(128)}`) },
    ...[
      '"$GROUP_ARN"',
      '"arn:aws:iot:us-east-1:123456789012:thinggroup/$GROUP"',
      '"arn:aws:iot:$REGION:123456789012:thing/porch"',
      '"arn:aws:iot:us-east-1:${ACCOUNT}:thing/porch"',
      '"arn:aws-${PARTITION_SUFFIX}:iot:cn-north-1:123456789012:thing/porch"',
      '"ar$REST"',
      '"arn:aws:iot:us-east-1:123456789012:thing$REST"',
      '"arn:aws:iot:us-east-1:123456789012:thinggroup/kitchen-$(date +%s)"',
    ].map((written) => ({ name: `known in part, and can still be an ARN: ${written}`, code: script(written), format: 'shell' as const })),
  ],
  invalid: [
    {
      name: 'bare thing names (AWS CLI docs example)',
      code: docs,
      errors: [
        { message: bare('device1'), ...rangeOf(docs, '"device1"'), path: '/targets/0' },
        { message: bare('device2'), ...rangeOf(docs, '"device2"'), path: '/targets/1' },
      ],
    },
    {
      name: 'bare name with a colon, YAML',
      code: 'targets:\n  - lab:sensor\n',
      errors: [{ message: bare('lab:sensor'), line: 2, column: 5, endLine: 2, endColumn: 15 }],
    },
    invalid('arn:aws:iot:us-east-1:123456789012:thing/', 'the name "" must be 1 to 128 of letters, digits, ":", "_" and "-"'),
    invalid(
      `arn:aws:iot:us-east-1:123456789012:thing/${'a'.repeat(129)}`,
      `the name "${'a'.repeat(129)}" must be 1 to 128 of letters, digits, ":", "_" and "-"`,
    ),
    invalid('arn:aws:iot:us-east-1:123456789012:thing/sensor 1', 'the name "sensor 1" must be 1 to 128 of letters, digits, ":", "_" and "-"'),
    invalid('arn:aws:iot:us-east-1:123456789012:policy/ota', 'the resource "policy/ota" is neither thing/<name> nor thinggroup/<name>'),
    invalid('arn:aws:iot::123456789012:thing/sensor-1', 'the region field is empty; it must name a region such as us-east-1'),
    invalid('arn:aws:iot:useast1:123456789012:thing/sensor-1', 'the region "useast1" is not a region name such as us-east-1'),
    invalid('arn:aws:iot:us-east-1:1234:thing/sensor-1', 'the account "1234" must be 12 digits'),
    invalid('arn:aws:iam:us-east-1:123456789012:thing/sensor-1', 'the service is "iam"; it must be "iot"'),
    invalid('arn:aws-mars:iot:us-east-1:123456789012:thing/sensor-1', `the partition "aws-mars" is not one of ${PARTITIONS.join(', ')}`),
    invalid('thing/sensor-1', 'it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)'),
    invalidPrefix(
      '"thinggroup/$GROUP"',
      'thinggroup/$GROUP',
      'it starts "thinggroup/", without the arn:<partition>:iot:<region>:<account>: in front, so it is not an ARN',
    ),
    invalidPrefix('"iot:$GROUP"', 'iot:$GROUP', 'it starts "iot:", so it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)'),
    invalidPrefix('"arn:aws:iam::$ACCOUNT:thing/a"', 'arn:aws:iam::$ACCOUNT:thing/a', 'the service is "iam"; it must be "iot"'),
    invalidPrefix('"arn:aws:iot::$ACCOUNT:thing/a"', 'arn:aws:iot::$ACCOUNT:thing/a', 'the region field is empty; it must name a region such as us-east-1'),
    invalidPrefix('arn:aws:iot:us-east-1:12345:thing/${NAME}', 'arn:aws:iot:us-east-1:12345:thing/${NAME}', 'the account "12345" must be 12 digits'),
    invalidPrefix(
      '"arn:aws:iot:us-east-1:123456789012:policy/$NAME"',
      'arn:aws:iot:us-east-1:123456789012:policy/$NAME',
      'the resource, starting "policy/", is neither thing/<name> nor thinggroup/<name>',
    ),
    invalidPrefix(
      '"arn:aws:iot:us-east-1:123456789012:thing/porch light-$N"',
      'arn:aws:iot:us-east-1:123456789012:thing/porch light-$N',
      'the name, starting "porch light-", must be 1 to 128 of letters, digits, ":", "_" and "-"',
    ),
  ],
});
