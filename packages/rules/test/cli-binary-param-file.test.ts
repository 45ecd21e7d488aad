import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/cli-binary-param-file.js';
import { GROUP, ROLE } from './support/command-line.js';
import { rangeOf } from './support/position.js';

const firmware = `aws iot create-ota-update --ota-update-id fw-1 --targets ${GROUP} --files file://build/firmware.bin --role-arn ${ROLE}\n`;
const bytes = `aws iot create-ota-update --ota-update-id fw-1 --targets ${GROUP} --files fileb://ota-files.json --role-arn ${ROLE}\n`;

testRule(rule, {
  valid: [{ name: 'a JSON file', code: firmware.replace('file://build/firmware.bin', 'file://ota-files.json'), format: 'shell' }],
  invalid: [
    {
      name: 'the firmware image as --files',
      code: firmware,
      format: 'shell',
      errors: [
        {
          message:
            '--files reads build/firmware.bin as its JSON text: the AWS CLI fails on a binary file ("Unable to load paramfile ... text contents could not be decoded"). Upload the firmware to S3 and name it in --files (fileLocation.s3Location), with the JSON in a file of its own.',
          ...rangeOf(firmware, 'file://build/firmware.bin'),
          path: '/files',
        },
      ],
    },
    {
      name: 'fileb:// for a JSON parameter',
      code: bytes,
      format: 'shell',
      errors: [
        {
          message:
            '--files takes text (JSON or shorthand), but fileb:// hands the AWS CLI the raw bytes of ota-files.json. Use file:// for a JSON file; firmware itself goes to S3 (or a stream) and is named in --files.',
          ...rangeOf(bytes, 'fileb://ota-files.json'),
        },
      ],
    },
  ],
});
