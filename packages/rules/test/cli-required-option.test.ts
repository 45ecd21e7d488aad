import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/cli-required-option.js';
import { FILES, GROUP } from './support/command-line.js';
import { rangeOf } from './support/position.js';

const missing = `aws iot create-ota-update --ota-update-id fw-1 --targets ${GROUP} --files ${FILES}\n`;
const message = (option: string) =>
  `\`aws iot create-ota-update\` needs \`${option}\`; the AWS CLI rejects the command without it ("the following arguments are required: ${option}"). Add ${option} <value>.`;

testRule(rule, {
  valid: [
    { name: 'the request file supplies them', code: 'aws iot create-ota-update --cli-input-json "$REQUEST_JSON"\n', format: 'shell' },
    { name: 'words known only at run time may supply them', code: `aws iot create-ota-update --ota-update-id fw-1 "$@"\n`, format: 'shell' },
  ],
  invalid: [
    {
      name: 'no --role-arn, reported on the command',
      code: missing,
      format: 'shell',
      errors: [{ message: message('--role-arn'), ...rangeOf(missing, 'aws iot create-ota-update'), path: '/roleArn' }],
    },
  ],
});
