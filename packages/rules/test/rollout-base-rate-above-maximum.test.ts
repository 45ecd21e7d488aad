import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/rollout-base-rate-above-maximum.js';
import { rangeOf } from './support/position.js';

const message = (base: number, maximum: number) =>
  `\`baseRatePerMinute\` is ${base}, above \`maximumPerMinute\` ${maximum}: the exponential rollout would start faster than the constant cap allows. Lower \`baseRatePerMinute\` to at most ${maximum} or raise \`maximumPerMinute\`.`;
const json = (maximum: number, base: number) =>
  `{"awsJobExecutionsRolloutConfig": {"maximumPerMinute": ${maximum}, "exponentialRate": {"baseRatePerMinute": ${base}}}}`;

testRule(rule, {
  valid: [
    { name: 'equal', code: json(50, 50) },
    { name: 'below', code: json(50, 10) },
    { name: 'no maximum', code: '{"awsJobExecutionsRolloutConfig": {"exponentialRate": {"baseRatePerMinute": 500}}}' },
  ],
  invalid: [
    {
      name: 'one above',
      code: json(50, 51),
      errors: [{ message: message(51, 50), ...rangeOf(json(50, 51), '51'), path: '/awsJobExecutionsRolloutConfig/exponentialRate/baseRatePerMinute' }],
    },
  ],
});
