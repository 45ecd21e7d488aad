import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/tags-duplicate-key.js';
import { rangeOf } from './support/position.js';

const message = (key: string, first: number) =>
  `Tag key "${key}" is already used at \`tags[${first}]\`; one value would silently overwrite the other. Keep one tag per key.`;
const json = (...keys: string[]) => `{"tags": [${keys.map((k, i) => `{"Key": "${k}", "Value": "v${i}"}`).join(', ')}]}`;

testRule(rule, {
  valid: [
    { name: 'distinct', code: json('team', 'project') },
    { name: 'keys differ in case', code: json('team', 'Team') },
  ],
  invalid: [
    {
      name: 'repeat',
      code: json('team', 'project', 'team'),
      errors: [{ message: message('team', 0), ...rangeOf(json('team', 'project', 'team'), '"team"', 2), path: '/tags/2/Key' }],
    },
  ],
});
