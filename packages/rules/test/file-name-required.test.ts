import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/file-name-required.js';
import { json } from './support/json.js';

const missing = (device = 'freertos') =>
  `This file has no \`fileName\`, so its job document has no \`filepath\`, which the devices require (device profile "${device}"; FreeRTOS OTA agents before ota-for-aws-iot-embedded-sdk v2 reject such a job document). Add \`"fileName"\`: the path the device writes the file to, such as "/sys/firmware.bin".`;
const location = { stream: { streamId: 'fw', fileId: 0 } };
const second = json({ files: [{ fileName: '/sys/a.bin', fileLocation: location }, { fileLocation: location }] });
const yaml = 'files:\n  - fileLocation:\n      stream: {streamId: fw, fileId: 0}\n';

testRule(rule, {
  valid: [
    { name: 'a file name', request: { files: [{ fileName: '/sys/firmware.bin', fileLocation: location }] } },
    { name: 'newer agents take a file without one', request: { files: [{ fileLocation: location }] }, device: 'freertos-ota-v3' },
    { name: 'the generic profile', request: { files: [{ fileLocation: location }] }, device: 'generic' },
    { name: "a wrong type is the model check's", request: { files: [{ fileName: 7 }] } },
    { name: 'no files', request: { files: [] } },
  ],
  invalid: [
    { name: 'the second file', code: second, errors: [{ message: missing(), line: 12, column: 5, endLine: 19, endColumn: 6, path: '/files/1/fileName' }] },
    { name: 'YAML', code: yaml, errors: [{ message: missing(), line: 2, column: 5, endLine: 4, endColumn: 1 }] },
    {
      name: 'the amazon-freertos agent',
      code: yaml,
      device: 'freertos-ota-v1',
      errors: [{ message: missing('freertos-ota-v1'), line: 2, column: 5, endLine: 4, endColumn: 1 }],
    },
  ],
});
