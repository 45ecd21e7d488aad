import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/increment-factor-range.js';
import { rangeOf } from './support/position.js';

const message = (value: number) =>
  `\`exponentialRate.incrementFactor\` is ${value}; it must be between 1.1 and 5.0 (the factor the rollout rate grows by). Use a value in that range.`;
const json = (text: string) => `{"awsJobExecutionsRolloutConfig": {"exponentialRate": {"incrementFactor": ${text}}}}`;

testRule(rule, {
  valid: [
    { name: '1.1 (lower limit)', code: json('1.1') },
    { name: '1.10 is 1.1', code: json('1.10') },
    { name: '5.0 (upper limit)', code: json('5.0') },
    { name: '1.15 is in range (precision is another rule)', code: json('1.15') },
    { name: 'no rollout', request: {} },
  ],
  invalid: [
    { name: '1.0', code: json('1.0'), errors: [{ message: message(1), ...rangeOf(json('1.0'), '1.0') }] },
    { name: '1.09', code: json('1.09'), errors: [{ message: message(1.09), ...rangeOf(json('1.09'), '1.09') }] },
    {
      name: '5.1',
      code: json('5.1'),
      errors: [{ message: message(5.1), ...rangeOf(json('5.1'), '5.1'), path: '/awsJobExecutionsRolloutConfig/exponentialRate/incrementFactor' }],
    },
    {
      name: '0.5 in YAML',
      code: 'awsJobExecutionsRolloutConfig:\n  exponentialRate:\n    incrementFactor: 0.5\n',
      errors: [{ message: message(0.5), line: 3, column: 22, endLine: 3, endColumn: 25 }],
    },
  ],
});
