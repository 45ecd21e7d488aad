import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/cli-param-file-missing.js';
import { GROUP, ROLE } from './support/command-line.js';
import { rangeOf } from './support/position.js';

const missing = `aws iot create-ota-update --ota-update-id fw-1 --targets ${GROUP} --files file://no-such-files.json --role-arn ${ROLE}\n`;

testRule(rule, {
  valid: [
    { name: 'a path known only at run time', code: missing.replace('file://no-such-files.json', 'file://$BUILD_DIR/files.json'), format: 'shell' },
    { name: 'a path in the home folder', code: missing.replace('file://no-such-files.json', 'file://~/files.json'), format: 'shell' },
  ],
  invalid: [
    {
      name: 'says where otalint looked',
      code: missing,
      format: 'shell',
      errors: [
        {
          message: `file://no-such-files.json: there is no such file in the script's folder (otalint reads file:// paths relative to the script), so --files is not checked. If the script writes it first, or runs in another folder, this is expected.`,
          ...rangeOf(missing, 'file://no-such-files.json'),
          path: '/files',
        },
      ],
    },
  ],
});
