import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/cli-shorthand-syntax.js';
import { command } from './support/command-line.js';
import { rangeOf } from './support/position.js';

const colon = command(`--aws-job-executions-rollout-config 'maximumPerMinute:10'`);
const comma = command('--tags Key=team,Value=fw,Key=stage');
const open = command(`--aws-job-abort-config 'abortCriteriaList=[{failureType=FAILED'`);
const text = (option: string, detail: string) =>
  `The shorthand value of ${option} does not parse: ${detail}. The AWS CLI rejects the command ("Error parsing parameter '${option}'"). Write it as key=value,key2={key3=value3}, or give JSON.`;

testRule(rule, {
  valid: [
    {
      name: 'nested structures, quoted',
      code: command(
        `--aws-job-executions-rollout-config 'maximumPerMinute=10,exponentialRate={baseRatePerMinute=5,incrementFactor=1.5,rateIncreaseCriteria={numberOfNotifiedThings=10}}'`,
      ),
      format: 'shell',
    },
    { name: 'one structure per word', code: command('--tags Key=team,Value=fw Key=stage,Value=beta'), format: 'shell' },
    { name: 'a comma list backtracks before the next key', code: command('--additional-parameters a=b,c,d=e'), format: 'shell' },
  ],
  invalid: [
    {
      name: 'a colon for =',
      code: colon,
      format: 'shell',
      errors: [
        {
          message: text('--aws-job-executions-rollout-config', 'expected "=", found the end of the value'),
          ...rangeOf(colon, `0'`, 1),
          endColumn: rangeOf(colon, `0'`, 1).endColumn - 1,
        },
      ],
    },
    {
      name: 'a comma where a space was meant',
      code: comma,
      format: 'shell',
      errors: [
        { message: text('--tags', 'the key "Key" is given twice (often a "," where a space was meant, between two list items)'), ...rangeOf(comma, 'K', 2) },
      ],
    },
    {
      name: 'a list not closed',
      code: open,
      format: 'shell',
      errors: [
        {
          message: text('--aws-job-abort-config', 'expected ",", found the end of the value'),
          ...rangeOf(open, `D'`),
          endColumn: rangeOf(open, `D'`).endColumn - 1,
        },
      ],
    },
  ],
});
