import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/targets-limit.js';
import { rangeOf } from './support/position.js';

const targets = (count: number) => Array.from({ length: count }, (_, i) => `arn:aws:iot:us-east-1:123456789012:thing/t${i}`);
const json = (count: number) => `{"targets": ${JSON.stringify(targets(count))}}`;
const message = (count: number) =>
  `\`targets\` lists ${count} entries; an IoT job takes at most 100 targets. Put the things in a thing group and target the group, or split the update.`;

testRule(rule, {
  valid: [
    { name: '100 (the limit)', code: json(100) },
    { name: 'one', code: json(1) },
  ],
  invalid: [{ name: '101', code: json(101), errors: [{ message: message(101), ...rangeOf(json(101), JSON.stringify(targets(101))), path: '/targets' }] }],
});
