import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { parseArn } from '../src/util/arn.js';
import { iotTargetProblem, parseIotTarget } from '../src/util/iot-target.js';

const arns = suite('parseArn and parseIotTarget');

arns('an ARN splits at its first five colons; the resource keeps the rest', () => {
  assert.deepEqual(parseArn('arn:aws:iam::123456789012:role/a:b'), {
    partition: 'aws',
    service: 'iam',
    region: '',
    account: '123456789012',
    resource: 'role/a:b',
  });
  assert.deepEqual(parseArn('arn:::::'), { partition: '', service: '', region: '', account: '', resource: '' });
  for (const text of ['', 'arn', 'arn:', 'arn:aws:iam::123456789012', 'ARN:aws:iam::1:r', 'xarn:aws:iam::1:r', ' arn:aws:iam::1:r']) {
    assert.equal(parseArn(text), undefined, JSON.stringify(text));
  }
});

arns('a target parses exactly when no problem is found in it', () => {
  const texts = [
    'arn:aws:iot:eu-west-1:123456789012:thinggroup/fleet-1',
    'arn:aws-cn:iot:cn-north-1:123456789012:thing/a:b_c-d',
    'arn:aws:iot:eu-west-1:123456789012:thing/',
    'arn:aws:iot::123456789012:thing/a',
    'arn:aws:iam:eu-west-1:123456789012:thing/a',
    'arn:aws:iot:eu-west-1:12345678901:thing/a',
    'arn:awz:iot:eu-west-1:123456789012:thing/a',
    'arn:aws:iot:eu-west-1:123456789012:group/a',
    'thing/a',
  ];
  for (const text of texts) assert.equal(parseIotTarget(text) !== undefined, iotTargetProblem(text) === undefined, text);
  assert.deepEqual(parseIotTarget(texts[1]!), { partition: 'aws-cn', region: 'cn-north-1', account: '123456789012', kind: 'thing', name: 'a:b_c-d' });
});

arns.run();
