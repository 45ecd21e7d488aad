import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/shell-brace-expansion.js';
import { command } from './support/command-line.js';
import { rangeOf } from './support/position.js';

const value = 'maximumPerMinute=10,exponentialRate={baseRatePerMinute=5,incrementFactor=1.5,rateIncreaseCriteria={numberOfNotifiedThings=10}}';
const unquoted = command(`--aws-job-executions-rollout-config ${value}`);
const braces = '{baseRatePerMinute=5,incrementFactor=1.5,rateIncreaseCriteria={numberOfNotifiedThings=10}}';

testRule(rule, {
  valid: [
    { name: 'quoted', code: command(`--aws-job-executions-rollout-config '${value}'`), format: 'shell' },
    {
      name: 'braces with no comma',
      code: command('--aws-job-timeout-config inProgressTimeoutInMinutes=60 --aws-job-abort-config abortCriteriaList=[{failureType=ALL}]'),
      format: 'shell',
    },
    { name: 'an sh script: dash does not expand braces', code: unquoted.replace('#!/bin/bash', '#!/bin/sh'), format: 'shell' },
  ],
  invalid: [
    {
      name: 'a nested structure unquoted in bash',
      code: unquoted,
      format: 'shell',
      errors: [
        {
          message: `Bash expands the unquoted braces in \`${braces}\` into 3 separate words before the AWS CLI sees them, so the command fails. Quote the whole value: '${value}'.`,
          ...rangeOf(unquoted, braces),
        },
      ],
    },
  ],
});
