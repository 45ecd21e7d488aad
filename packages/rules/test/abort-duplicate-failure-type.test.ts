import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/abort-duplicate-failure-type.js';
import { rangeOf } from './support/position.js';

const message = (value: string, first: number) =>
  `\`failureType\` ${value} already has a criterion at \`abortCriteriaList[${first}]\`; criteria are evaluated in order, so one shadows the other. Keep one criterion per failure type.`;
const json = (...types: string[]) =>
  `{"awsJobAbortConfig": {"abortCriteriaList": [${types.map((t) => `{"failureType": "${t}", "thresholdPercentage": 10}`).join(', ')}]}}`;

testRule(rule, {
  valid: [
    { name: 'distinct', code: json('FAILED', 'REJECTED', 'TIMED_OUT') },
    { name: 'one', code: json('ALL') },
  ],
  invalid: [
    {
      name: 'FAILED twice',
      code: json('FAILED', 'REJECTED', 'FAILED'),
      errors: [
        {
          message: message('FAILED', 0),
          ...rangeOf(json('FAILED', 'REJECTED', 'FAILED'), '"FAILED"', 2),
          path: '/awsJobAbortConfig/abortCriteriaList/2/failureType',
        },
      ],
    },
  ],
});
