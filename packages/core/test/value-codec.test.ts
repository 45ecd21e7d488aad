import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { decodeValue, encodeValue } from '../src/value/codec.js';
import { hasKnownPrefix, isOpen, isUnknown, markOpen, openSources, unknownValue } from '../src/value/unknown.js';

const test = suite('value codec: request values through JSON (the cache) and across threads');

test('unknown values keep their source, reason and known start; open containers their sources; $ keys stay', () => {
  const value = {
    targets: markOpen([unknownValue('$GROUP_ARN', 'variable'), 'arn:aws:iot:us-east-1:123456789012:thing/d1'], ['...more']),
    roleArn: unknownValue('arn:aws:iam::$ACCOUNT:role/ota', 'template', 'arn:aws:iam::'),
    $schema: 'kept',
  };
  const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(markOpen(value, ['...defaults']))))) as typeof value;
  assert.ok(isOpen(back));
  assert.deepEqual(openSources(back), ['...defaults']);
  assert.ok(isOpen(back.targets));
  assert.deepEqual(openSources(back.targets), ['...more']);
  assert.ok(isUnknown(back.targets[0]));
  assert.equal((back.targets[0] as { reason: string }).reason, 'variable');
  assert.equal(back.targets[1], 'arn:aws:iot:us-east-1:123456789012:thing/d1');
  assert.ok(hasKnownPrefix(back.roleArn));
  assert.equal(back.roleArn.prefix, 'arn:aws:iam::');
  assert.equal(back.roleArn.source, 'arn:aws:iam::$ACCOUNT:role/ota');
  assert.equal(back.$schema, 'kept');
});

test.run();
