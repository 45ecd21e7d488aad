import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/rate-increase-criteria-empty.js';
import { rangeOf } from './support/position.js';

const message =
  '`rateIncreaseCriteria` names no threshold, so the rate never increases: set `numberOfNotifiedThings` or `numberOfSucceededThings` (at least 1) to say when to raise it.';
const json = (criteria: string) =>
  `{"awsJobExecutionsRolloutConfig": {"exponentialRate": {"baseRatePerMinute": 5, "incrementFactor": 2, "rateIncreaseCriteria": ${criteria}}}}`;
const yaml = 'awsJobExecutionsRolloutConfig:\n  exponentialRate:\n    rateIncreaseCriteria: {}\n';

testRule(rule, {
  valid: [
    { name: 'notified', code: json('{"numberOfNotifiedThings": 10}') },
    { name: 'succeeded', code: json('{"numberOfSucceededThings": 10}') },
    { name: 'both', code: json('{"numberOfNotifiedThings": 10, "numberOfSucceededThings": 5}') },
  ],
  invalid: [
    {
      name: 'empty',
      code: json('{}'),
      errors: [{ message, ...rangeOf(json('{}'), '{}'), path: '/awsJobExecutionsRolloutConfig/exponentialRate/rateIncreaseCriteria' }],
    },
    {
      name: 'only a misspelt key',
      code: json('{"numberOfSucceededThing": 3}'),
      errors: [{ message, ...rangeOf(json('{"numberOfSucceededThing": 3}'), '{"numberOfSucceededThing": 3}') }],
    },
    { name: 'YAML', code: yaml, errors: [{ message, ...rangeOf(yaml, '{}') }] },
  ],
});
