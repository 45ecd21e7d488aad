import { testRunRule } from '@otalint/core/testing';
import rule from '../src/rules/otaupdate-id-unique.js';
import { json } from './support/json.js';
import { rangeOf } from './support/position.js';

const taken = (id: string, other: string) =>
  `\`otaUpdateId\` "${id}" is also the id of the update in ${other}: ids are unique per account and region, so creating the second fails with ResourceAlreadyExistsException (409). Give each update its own id.`;
const thing = (region: string, account = '123456789012') => `arn:aws:iot:${region}:${account}:thing/sensor-1`;
const request = (otaUpdateId: unknown, targets: string[] = [thing('eu-west-1')]) => json({ otaUpdateId, targets });

const second = request('fw-1_5_0');
const script = [
  'import boto3',
  "iot = boto3.client('iot')",
  "iot.create_ota_update(otaUpdateId='fw-1_5_0', targets=['arn:aws:iot:eu-west-1:123456789012:thinggroup/all'], files=[], roleArn='arn:aws:iam::123456789012:role/ota')",
  "iot.create_ota_update(otaUpdateId='fw-1_5_0', targets=['arn:aws:iot:eu-west-1:123456789012:thinggroup/all'], files=[], roleArn='arn:aws:iam::123456789012:role/ota')",
  '',
].join('\n');

testRunRule(rule, {
  valid: [
    { name: 'two ids', files: { 'a.json': request('fw-1_5_0'), 'b.json': request('fw-1_6_0') } },
    { name: 'one file', files: { 'a.json': request('fw-1_5_0') } },
    {
      name: 'the same id in two regions (staging and production)',
      files: { 'staging.json': request('fw-1_5_0', [thing('eu-west-1')]), 'prod.json': request('fw-1_5_0', [thing('us-east-1')]) },
    },
    {
      name: 'the same id in two accounts',
      files: { 'a.json': request('fw-1_5_0', [thing('eu-west-1', '111111111111')]), 'b.json': request('fw-1_5_0', [thing('eu-west-1', '222222222222')]) },
    },
    { name: "ids that are not strings are the model check's", files: { 'a.json': request(15), 'b.json': request(15) } },
    { name: 'a file that holds no request', files: { 'a.json': request('x'), 'tool.py': 'import boto3\nboto3.client("s3").list_buckets()\n' } },
    {
      name: 'SDK calls in code (tests against emulators, programs) are left out',
      files: { 'a.json': request('fw-1_5_0'), 'release.py': script, 'test_ota.py': script },
    },
  ],
  invalid: [
    {
      name: 'two files, one id: the second is reported',
      files: { 'a.json': request('fw-1_5_0'), 'b.json': second },
      errors: [{ file: 'b.json', message: taken('fw-1_5_0', 'a.json'), ...rangeOf(second, '"fw-1_5_0"'), path: '/otaUpdateId' }],
    },
    {
      name: 'a place that is not known collides with any',
      files: { 'a.json': request('fw-1_5_0', ['device1']), 'b.json': second, 'c.json': request('fw-1_5_0', [thing('us-east-1')]) },
      errors: [
        { file: 'b.json', message: taken('fw-1_5_0', 'a.json'), ...rangeOf(second, '"fw-1_5_0"') },
        { file: 'c.json', message: taken('fw-1_5_0', 'a.json'), ...rangeOf(second, '"fw-1_5_0"') },
      ],
    },
  ],
});
