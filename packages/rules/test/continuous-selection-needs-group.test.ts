import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/continuous-selection-needs-group.js';
import { rangeOf } from './support/position.js';

const message =
  '`targetSelection` is CONTINUOUS, but every target is a thing: CONTINUOUS only adds things that later join a target thing group, so it adds nothing here. Target a thing group, or use SNAPSHOT.';
const thing = 'arn:aws:iot:us-east-1:123456789012:thing/a:b';
const group = 'arn:aws:iot:us-east-1:123456789012:thinggroup/fleet';
const json = (selection: string, ...targets: string[]) => `{"targetSelection": "${selection}", "targets": ${JSON.stringify(targets)}}`;
const yaml = `targetSelection: CONTINUOUS\ntargets:\n  - ${thing}\n`;

testRule(rule, {
  valid: [
    { name: 'CONTINUOUS with a group', code: json('CONTINUOUS', thing, group) },
    { name: 'SNAPSHOT with things', code: json('SNAPSHOT', thing) },
    { name: 'a malformed target might be a group', code: json('CONTINUOUS', thing, 'fleet') },
  ],
  invalid: [
    {
      name: 'things only',
      code: json('CONTINUOUS', thing),
      errors: [{ message, ...rangeOf(json('CONTINUOUS', thing), '"CONTINUOUS"'), path: '/targetSelection' }],
    },
    { name: 'YAML', code: yaml, errors: [{ message, ...rangeOf(yaml, 'CONTINUOUS') }] },
  ],
});
