import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/rollout-constant-and-exponential.js';
import { rangeOf } from './support/position.js';

const message =
  'The rollout sets both `maximumPerMinute` and `exponentialRate`; how the two combine is not documented. Keep one, or confirm on a test fleet that the result is what you want.';
const both = '{"awsJobExecutionsRolloutConfig": {"maximumPerMinute": 50, "exponentialRate": {"baseRatePerMinute": 5}}}';

testRule(rule, {
  valid: [
    { name: 'constant', code: '{"awsJobExecutionsRolloutConfig": {"maximumPerMinute": 50}}' },
    { name: 'exponential', code: '{"awsJobExecutionsRolloutConfig": {"exponentialRate": {"baseRatePerMinute": 5}}}' },
  ],
  invalid: [{ name: 'both', code: both, errors: [{ message, ...rangeOf(both, '"exponentialRate"'), path: '/awsJobExecutionsRolloutConfig/exponentialRate' }] }],
});
