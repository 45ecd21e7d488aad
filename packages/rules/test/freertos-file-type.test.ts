import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/freertos-file-type.js';
import { json } from './support/json.js';
import { rangeOf } from './support/position.js';

const notFirmware = (value: number) =>
  `\`fileType\` is ${value}; the FreeRTOS OTA agent treats only 0 as firmware, and hands other types to the application's custom file callback. Use 0 unless your application handles type ${value}.`;
const awsExample = json({ files: [{ fileName: 'fw.bin', fileType: 1 }] });
const second = json({ files: [{ fileType: 0 }, { fileType: 255 }] });
const yaml = 'files:\n  - fileName: fw.bin\n    fileType: 7\n';

testRule(rule, {
  valid: [
    { name: 'firmware', request: { files: [{ fileType: 0 }] } },
    { name: 'absent', request: { files: [{ fileName: 'fw.bin' }] } },
    { name: "a wrong type is the model check's", request: { files: [{ fileType: '1' }] } },
  ],
  invalid: [
    {
      name: "the AWS docs example's 1",
      code: awsExample,
      errors: [{ message: notFirmware(1), ...rangeOf(awsExample, '1'), path: '/files/0/fileType', suggestions: ['Use 0 (firmware).'] }],
    },
    { name: 'the second file', code: second, errors: [{ message: notFirmware(255), ...rangeOf(second, '255'), path: '/files/1/fileType' }] },
    { name: 'YAML', code: yaml, errors: [{ message: notFirmware(7), ...rangeOf(yaml, '7') }] },
  ],
});
