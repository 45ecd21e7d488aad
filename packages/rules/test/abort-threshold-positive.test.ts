import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/abort-threshold-positive.js';
import { rangeOf } from './support/position.js';

const message = (value: number) =>
  `\`thresholdPercentage\` is ${value}; a failure threshold must be greater than 0 (up to 100) percent of executed things. Set the percentage of failures that should stop the rollout, e.g. 10.`;
const json = (value: string) => `{"awsJobAbortConfig": {"abortCriteriaList": [{"failureType": "ALL", "thresholdPercentage": ${value}}]}}`;

testRule(rule, {
  valid: [
    { name: '0.01', code: json('0.01') },
    { name: '100', code: json('100') },
  ],
  invalid: [
    { name: '0', code: json('0'), errors: [{ message: message(0), ...rangeOf(json('0'), '0') }] },
    { name: '-5', code: json('-5'), errors: [{ message: message(-5), ...rangeOf(json('-5'), '-5') }] },
  ],
});
