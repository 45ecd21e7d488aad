import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/abort-all-overlaps.js';
import { rangeOf } from './support/position.js';

const message = (specific: string) =>
  `\`failureType\` ALL counts every failure, so it overlaps the criteria for ${specific}: the lowest threshold wins. Keep ALL alone, or drop it and list the specific types.`;
const json = (...types: string[]) => `{"awsJobAbortConfig": {"abortCriteriaList": [${types.map((t) => `{"failureType": "${t}"}`).join(', ')}]}}`;

testRule(rule, {
  valid: [
    { name: 'ALL alone', code: json('ALL') },
    { name: 'specific only', code: json('FAILED', 'TIMED_OUT') },
  ],
  invalid: [
    {
      name: 'ALL after specific',
      code: json('FAILED', 'REJECTED', 'ALL'),
      errors: [
        {
          message: message('FAILED, REJECTED'),
          ...rangeOf(json('FAILED', 'REJECTED', 'ALL'), '"ALL"'),
          path: '/awsJobAbortConfig/abortCriteriaList/2/failureType',
        },
      ],
    },
  ],
});
