import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/freertos-file-type.js';
import { json } from './support/json.js';
import { rangeOf } from './support/position.js';

const notFirmware = (value: number, expected = 0, device = 'freertos') =>
  `\`fileType\` is ${value}, but the devices activate only type ${expected} as firmware (device profile "${device}", \`configOTA_FIRMWARE_UPDATE_FILE_TYPE_ID\` in the agent): a file of type ${value} is reported SUCCEEDED and never activated. Use ${expected} for a firmware image (or keep ${value} if the application handles this file itself).`;
const awsExample = json({ files: [{ fileName: 'fw.bin', fileType: 1 }] });
const second = json({ files: [{ fileType: 0 }, { fileType: 255 }] });
const yaml = 'files:\n  - fileName: fw.bin\n    fileType: 7\n';

testRule(rule, {
  valid: [
    { name: 'firmware', request: { files: [{ fileType: 0 }] } },
    { name: 'absent', request: { files: [{ fileName: 'fw.bin' }] } },
    { name: "a wrong type is the model check's", request: { files: [{ fileType: '1' }] } },
    { name: 'devices that take type 1 as firmware', code: awsExample, device: { firmwareFileType: 1 } },
    { name: 'the generic profile does not check', code: yaml, device: 'generic' },
    { name: 'the v1 agent has no file types', code: yaml, device: 'freertos-ota-v1' },
  ],
  invalid: [
    {
      name: "the AWS docs example's 1",
      code: awsExample,
      errors: [
        {
          message: notFirmware(1),
          ...rangeOf(awsExample, '1'),
          path: '/files/0/fileType',
          suggestions: [{ message: 'Use 0 (firmware).', output: json({ files: [{ fileName: 'fw.bin', fileType: 0 }] }) }],
        },
      ],
    },
    {
      name: 'the second file',
      code: second,
      errors: [
        {
          message: notFirmware(255),
          ...rangeOf(second, '255'),
          path: '/files/1/fileType',
          suggestions: [{ message: 'Use 0 (firmware).', output: json({ files: [{ fileType: 0 }, { fileType: 0 }] }) }],
        },
      ],
    },
    {
      name: 'YAML',
      code: yaml,
      errors: [
        {
          message: notFirmware(7),
          ...rangeOf(yaml, '7'),
          suggestions: [{ message: 'Use 0 (firmware).', output: 'files:\n  - fileName: fw.bin\n    fileType: 0\n' }],
        },
      ],
    },
    {
      name: 'a profile whose firmware is type 3',
      code: awsExample,
      device: { extends: 'freertos-ota-v3.4', firmwareFileType: 3 },
      errors: [
        {
          message: notFirmware(1, 3, 'freertos-ota-v3.4'),
          ...rangeOf(awsExample, '1'),
          suggestions: [{ message: 'Use 3 (firmware).', output: json({ files: [{ fileName: 'fw.bin', fileType: 3 }] }) }],
        },
      ],
    },
  ],
});
