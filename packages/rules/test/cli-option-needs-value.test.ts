import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/cli-option-needs-value.js';
import { command } from './support/command-line.js';
import { rangeOf } from './support/position.js';

const last = command('--description');
const before = command('--description --protocols MQTT');

testRule(rule, {
  valid: [{ name: 'every option has its value', code: command('--description "-"'), format: 'shell' }],
  invalid: [
    {
      name: 'at the end',
      code: last,
      format: 'shell',
      errors: [
        {
          message: '`--description` has no value: the AWS CLI rejects the command ("argument --description: expected one argument"). Give its value after it.',
          ...rangeOf(last, '--description'),
        },
      ],
    },
    {
      name: 'before another option',
      code: before,
      format: 'shell',
      errors: [
        {
          message: '`--description` has no value: the AWS CLI rejects the command ("argument --description: expected one argument"). Give its value after it.',
          ...rangeOf(before, '--description'),
        },
      ],
    },
  ],
});
