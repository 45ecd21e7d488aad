import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { parseArn } from '../src/util/arn.js';
import { arnShapeProblem, rightArnPattern, unanchored, type ArnShape } from '../src/util/arn-shape.js';
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

/** Every text one edit (a character inserted, replaced or removed) away from each of `texts`, and two edits from some, seeded. */
function edited(texts: readonly string[], count: number): string[] {
  const alphabet = ['a', 'z', 'A', '0', '9', ':', '/', '-', '_', '.', ' ', '\n', 'é', '+', '@'];
  let seed = 13;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % below;
  };
  const edit = (text: string) => {
    const at = random(text.length + 1);
    const char = alphabet[random(alphabet.length)]!;
    const kind = random(3);
    return kind === 0
      ? text.slice(0, at) + char + text.slice(at)
      : kind === 1
        ? text.slice(0, at) + char + text.slice(at + 1)
        : text.slice(0, at) + text.slice(at + 1);
  };
  const out = [...texts];
  for (let i = 0; i < count; i++) {
    const text = edit(texts[i % texts.length]!);
    out.push(text, edit(text));
  }
  return out;
}

arns('a right-ARN pattern matches exactly the texts the shape check finds nothing in, and a target read by it is the one parsed field by field', () => {
  const resource = /^(?:thing|thinggroup)\/[a-z0-9:-]{1,8}$/;
  const shapes: ArnShape[] = [
    { service: 'iot', region: 'required', resource: (part) => (resource.test(part) ? undefined : 'wrong') },
    { service: 'iam', region: 'empty', resource: (part) => (resource.test(part) ? undefined : 'wrong') },
  ];
  const texts = edited(
    [
      'arn:aws:iot:eu-west-1:123456789012:thinggroup/fleet-1',
      'arn:aws-us-gov:iot:us-gov-west-1:123456789012:thing/a:b',
      'arn:aws-iso-b:iam::123456789012:thing/x',
      'arn:aws-eusc:iam::123456789012:thinggroup/a-b',
    ],
    20_000,
  );
  for (const shape of shapes) {
    const right = rightArnPattern(shape, unanchored(resource));
    for (const text of texts) assert.equal(right.test(text), arnShapeProblem(text, shape) === undefined, `${shape.service}: ${JSON.stringify(text)}`);
  }
  for (const text of texts) {
    const arn = parseArn(text);
    const target = parseIotTarget(text);
    assert.equal(target !== undefined, iotTargetProblem(text) === undefined, JSON.stringify(text));
    if (target && arn) {
      const thing = arn.resource.startsWith('thing/');
      assert.deepEqual(target, {
        partition: arn.partition,
        region: arn.region,
        account: arn.account,
        kind: thing ? 'thing' : 'thinggroup',
        name: arn.resource.slice(thing ? 6 : 11),
      });
    }
  }
});

arns.run();
