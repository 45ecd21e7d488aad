import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/tags-reserved-prefix.js';
import { rangeOf } from './support/position.js';

const message = (part: string, value: string) =>
  `Tag ${part} "${value}" starts with "aws:", which AWS reserves for its own tags (in any letter case). Choose another ${part}.`;
const json = (key: string, value: string) => `{"tags": [{"Key": "team", "Value": "fw"}, {"Key": "${key}", "Value": "${value}"}]}`;

testRule(rule, {
  valid: [
    { name: 'ordinary', code: json('project', 'ota') },
    { name: '"aws" without a colon', code: json('aws', 'awsome') },
    { name: 'aws: inside', code: json('my-aws:key', 'x-aws:y') },
  ],
  invalid: [
    {
      name: 'key',
      code: json('aws:team', 'fw'),
      errors: [{ message: message('key', 'aws:team'), ...rangeOf(json('aws:team', 'fw'), '"aws:team"'), path: '/tags/1/Key' }],
    },
    {
      name: 'key and value in upper case',
      code: json('AWS:x', 'Aws:y'),
      errors: [
        { message: message('key', 'AWS:x'), ...rangeOf(json('AWS:x', 'Aws:y'), '"AWS:x"') },
        { message: message('value', 'Aws:y'), ...rangeOf(json('AWS:x', 'Aws:y'), '"Aws:y"'), path: '/tags/1/Value' },
      ],
    },
  ],
});
