import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/targets-duplicate.js';
import { rangeOf } from './support/position.js';

const a = 'arn:aws:iot:us-east-1:123456789012:thing/a';
const b = 'arn:aws:iot:us-east-1:123456789012:thinggroup/b';
const message = (value: string, first: number) => `Target "${value}" is already listed at \`targets[${first}]\`; remove the repeat.`;
const twice = `{\n  "targets": [\n    "${a}",\n    "${b}",\n    "${a}"\n  ]\n}\n`;
const thrice = `targets:\n  - ${b}\n  - ${b}\n  - ${b}\n`;
/** Either repeat removed leaves the same two lines. */
const removeRepeat = { message: `Remove this repeat of "${b}".`, output: `targets:\n  - ${b}\n  - ${b}\n` };

testRule(rule, {
  valid: [
    { name: 'distinct', code: `{"targets": ["${a}", "${b}"]}` },
    {
      name: 'names differ only in case are different things',
      code: `{"targets": ["${a}", "${a.toUpperCase().replace('ARN:AWS:IOT:US-EAST-1', 'arn:aws:iot:us-east-1').replace('THING/', 'thing/')}"]}`,
    },
  ],
  invalid: [
    {
      name: 'twice',
      code: twice,
      errors: [
        {
          message: message(a, 0),
          ...rangeOf(twice, `"${a}"`, 2),
          path: '/targets/2',
          suggestions: [{ message: `Remove this repeat of "${a}".`, output: `{\n  "targets": [\n    "${a}",\n    "${b}"\n  ]\n}\n` }],
        },
      ],
    },
    {
      name: 'three times, YAML',
      code: thrice,
      errors: [
        { message: message(b, 0), ...rangeOf(thrice, b, 2), suggestions: [removeRepeat] },
        { message: message(b, 0), ...rangeOf(thrice, b, 3), suggestions: [removeRepeat] },
      ],
    },
  ],
});
