import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/cli-duplicate-option.js';
import { command } from './support/command-line.js';
import { rangeOf } from './support/position.js';

const twice = command('--targets arn:aws:iot:us-east-1:123456789012:thing/porch');

testRule(rule, {
  valid: [{ name: 'several values of one list option', code: command('--protocols MQTT HTTP'), format: 'shell' }],
  invalid: [
    {
      name: 'a list option given twice',
      code: twice,
      format: 'shell',
      errors: [
        {
          message: '`--targets` is given twice: the AWS CLI silently keeps only the last one, so the first value is lost. Remove one of them.',
          ...rangeOf(twice, '--targets', 2),
          path: '/targets',
        },
      ],
    },
  ],
});
