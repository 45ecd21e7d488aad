import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/rollout-maximum-placement.js';
import { rangeOf } from './support/position.js';

const message = (advice: string) =>
  `\`maximumPerMinute\` is inside \`exponentialRate\`, as one AWS docs page shows by mistake: the AWS CLI rejects it there ("Unknown parameter") and the SDK drops it. ${advice}`;
const move = 'Move it up one level, into `awsJobExecutionsRolloutConfig`, beside `exponentialRate`.';
const remove = '`awsJobExecutionsRolloutConfig.maximumPerMinute` is already set: remove this one.';
const nested =
  '{\n  "awsJobExecutionsRolloutConfig": {\n    "exponentialRate": {\n      "baseRatePerMinute": 5,\n      "maximumPerMinute": 50\n    }\n  }\n}\n';
const both = '{"awsJobExecutionsRolloutConfig": {"maximumPerMinute": 50, "exponentialRate": {"maximumPerMinute": 50}}}';
const yaml = 'awsJobExecutionsRolloutConfig:\n  exponentialRate:\n    maximumPerMinute: 50\n';

testRule(rule, {
  valid: [
    { name: 'in its place', code: '{"awsJobExecutionsRolloutConfig": {"maximumPerMinute": 50, "exponentialRate": {"baseRatePerMinute": 5}}}' },
    { name: 'no rollout', request: {} },
  ],
  invalid: [
    {
      name: 'nested',
      code: nested,
      errors: [{ message: message(move), ...rangeOf(nested, '"maximumPerMinute"'), path: '/awsJobExecutionsRolloutConfig/exponentialRate/maximumPerMinute' }],
    },
    { name: 'nested and in place', code: both, errors: [{ message: message(remove), ...rangeOf(both, '"maximumPerMinute"', 2) }] },
    { name: 'YAML', code: yaml, errors: [{ message: message(move), ...rangeOf(yaml, 'maximumPerMinute') }] },
  ],
});
