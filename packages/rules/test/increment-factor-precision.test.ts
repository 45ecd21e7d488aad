import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/increment-factor-precision.js';
import { rangeOf } from './support/position.js';

const message = (value: string, down: string, up: string) =>
  `\`exponentialRate.incrementFactor\` is ${value}; it may have at most one digit after the decimal point (1.5, not 1.55). Use ${down} or ${up}.`;
const json = (text: string) => `{"awsJobExecutionsRolloutConfig": {"exponentialRate": {"incrementFactor": ${text}}}}`;
const yaml = (text: string) => `awsJobExecutionsRolloutConfig:\n  exponentialRate:\n    incrementFactor: ${text}\n`;
const use = (text: string) => ({ message: `Use ${text}.`, output: json(text) });

testRule(rule, {
  valid: [
    { name: '1.1', code: json('1.1') },
    { name: '1.10 is sent as 1.1', code: json('1.10') },
    { name: '1.50', code: json('1.50') },
    { name: 'integer', code: json('2') },
    { name: 'float noise: 1.1 * 3 is not written in a file, but 3.3 is', code: json('3.3') },
    { name: 'not a number: the model check reports it', code: json('"1.55"') },
  ],
  invalid: [
    {
      name: '1.15',
      code: json('1.15'),
      errors: [{ message: message('1.15', '1.1', '1.2'), ...rangeOf(json('1.15'), '1.15'), suggestions: [use('1.1'), use('1.2')] }],
    },
    {
      name: '1.55',
      code: json('1.55'),
      errors: [{ message: message('1.55', '1.5', '1.6'), ...rangeOf(json('1.55'), '1.55'), suggestions: [use('1.5'), use('1.6')] }],
    },
    {
      name: 'YAML 2.25',
      code: yaml('2.25'),
      errors: [
        {
          message: message('2.25', '2.2', '2.3'),
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 26,
          suggestions: [
            { message: 'Use 2.2.', output: yaml('2.2') },
            { message: 'Use 2.3.', output: yaml('2.3') },
          ],
        },
      ],
    },
  ],
});
