import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/in-progress-timeout-range.js';
import { rangeOf } from './support/position.js';

const message = (value: number) =>
  `\`awsJobTimeoutConfig.inProgressTimeoutInMinutes\` is ${value}; it must be between 1 and 10080 minutes (7 days), and it cannot be changed after the update is created. Use a value in that range.`;
const json = (value: number) => `{"awsJobTimeoutConfig": {"inProgressTimeoutInMinutes": ${value}}}`;

testRule(rule, {
  valid: [
    { name: 'lower limit', code: json(1) },
    { name: 'upper limit', code: json(10080) },
    { name: 'absent', request: { awsJobTimeoutConfig: {} } },
    { name: 'no timeout config', request: { otaUpdateId: 'x' } },
  ],
  invalid: [
    { name: 'zero', code: json(0), errors: [{ message: message(0), ...rangeOf(json(0), '0'), path: '/awsJobTimeoutConfig/inProgressTimeoutInMinutes' }] },
    { name: 'one above', code: json(10081), errors: [{ message: message(10081), ...rangeOf(json(10081), '10081') }] },
    {
      name: 'YAML',
      code: 'awsJobTimeoutConfig:\n  inProgressTimeoutInMinutes: 20000\n',
      errors: [{ message: message(20000), line: 2, column: 31, endLine: 2, endColumn: 36 }],
    },
  ],
});
