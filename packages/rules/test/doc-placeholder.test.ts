import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/doc-placeholder.js';
import { FILES } from './support/command-line.js';
import { rangeOf } from './support/position.js';

const readme = [
  '# Updating',
  '',
  '```console',
  `$ aws iot create-ota-update --ota-update-id fw-1 --targets arn:aws:iot:us-east-1:<account-id>:thinggroup/kitchen \\`,
  `    --files ${FILES} --role-arn YOUR_ROLE_ARN`,
  '{ "otaUpdateStatus": "CREATE_PENDING" }',
  '```',
  '',
].join('\n');
const message = (written: string, pointer: string) =>
  `\`${written}\` is a placeholder, so the value at ${pointer} is not checked. Readers must fill it in; otalint checks the rest of the command.`;

testRule(rule, {
  valid: [
    {
      name: 'real values',
      code: readme.replace('<account-id>', '123456789012').replace('YOUR_ROLE_ARN', 'arn:aws:iam::123456789012:role/ota'),
      format: 'markdown',
    },
  ],
  invalid: [
    {
      name: 'an angle-bracket placeholder and a YOUR_ one',
      code: readme,
      format: 'markdown',
      errors: [
        { message: message('<account-id>', '/targets/0'), ...rangeOf(readme, '<account-id>') },
        { message: message('YOUR_ROLE_ARN', '/roleArn'), ...rangeOf(readme, 'YOUR_ROLE_ARN') },
      ],
    },
  ],
});
