import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/abort-timed-out-without-timeout.js';
import { rangeOf } from './support/position.js';

const message =
  'This criterion counts TIMED_OUT executions, but there is no `awsJobTimeoutConfig.inProgressTimeoutInMinutes`, so no execution ever times out and it never fires. Add `"awsJobTimeoutConfig": { "inProgressTimeoutInMinutes": <1-10080> }`.';
const criteria = '"awsJobAbortConfig": {"abortCriteriaList": [{"failureType": "FAILED"}, {"failureType": "TIMED_OUT"}]}';
const noTimeout = `{${criteria}}`;
const emptyTimeout = `{${criteria}, "awsJobTimeoutConfig": {}}`;

testRule(rule, {
  valid: [
    { name: 'with a timeout', code: `{${criteria}, "awsJobTimeoutConfig": {"inProgressTimeoutInMinutes": 30}}` },
    { name: 'no TIMED_OUT criteria', code: '{"awsJobAbortConfig": {"abortCriteriaList": [{"failureType": "FAILED"}]}}' },
  ],
  invalid: [
    {
      name: 'no timeout config',
      code: noTimeout,
      errors: [{ message, ...rangeOf(noTimeout, '"TIMED_OUT"'), path: '/awsJobAbortConfig/abortCriteriaList/1/failureType' }],
    },
    { name: 'empty timeout config', code: emptyTimeout, errors: [{ message, ...rangeOf(emptyTimeout, '"TIMED_OUT"') }] },
  ],
});
