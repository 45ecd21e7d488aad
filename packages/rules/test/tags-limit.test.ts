import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/tags-limit.js';
import { rangeOf } from './support/position.js';

const tags = (count: number) => JSON.stringify(Array.from({ length: count }, (_, i) => ({ Key: `k${i}`, Value: 'v' })));
const json = (count: number) => `{"tags": ${tags(count)}}`;

testRule(rule, {
  valid: [
    { name: '50 (the limit)', code: json(50) },
    { name: 'none', code: json(0) },
  ],
  invalid: [
    {
      name: '51',
      code: json(51),
      errors: [{ message: '`tags` holds 51 tags; an AWS resource takes at most 50. Remove 1.', ...rangeOf(json(51), tags(51)), path: '/tags' }],
    },
  ],
});
