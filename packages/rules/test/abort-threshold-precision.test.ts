import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/abort-threshold-precision.js';
import { rangeOf } from './support/position.js';

const message = (value: string, down: string, up: string) =>
  `\`thresholdPercentage\` is ${value}; it may have at most two digits after the decimal point (10.99, not 10.999). Use ${down} or ${up}.`;
const json = (...values: string[]) =>
  `{"awsJobAbortConfig": {"abortCriteriaList": [${values.map((v) => `{"failureType": "FAILED", "thresholdPercentage": ${v}}`).join(', ')}]}}`;

testRule(rule, {
  valid: [
    { name: '10.99', code: json('10.99') },
    { name: '10.990 is 10.99', code: json('10.990') },
    { name: '100', code: json('100') },
    { name: '0.01', code: json('0.01') },
    { name: 'no abort config', request: {} },
  ],
  invalid: [
    {
      name: '10.999',
      code: json('10.999'),
      errors: [
        {
          message: message('10.999', '10.99', '11'),
          ...rangeOf(json('10.999'), '10.999'),
          path: '/awsJobAbortConfig/abortCriteriaList/0/thresholdPercentage',
          suggestions: [
            { message: 'Use 10.99.', output: json('10.99') },
            { message: 'Use 11.', output: json('11') },
          ],
        },
      ],
    },
    {
      name: 'second criterion',
      code: json('5', '0.125'),
      errors: [
        {
          message: message('0.125', '0.12', '0.13'),
          ...rangeOf(json('5', '0.125'), '0.125'),
          suggestions: [
            { message: 'Use 0.12.', output: json('5', '0.12') },
            { message: 'Use 0.13.', output: json('5', '0.13') },
          ],
        },
      ],
    },
  ],
});
