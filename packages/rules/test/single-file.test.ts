import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/single-file.js';
import { json } from './support/json.js';
import { rangeOf } from './support/position.js';

const several = (count: number, max = 1, device = 'freertos') =>
  `\`files\` has ${count} files, but the devices take at most ${max} per update (device profile "${device}"; FreeRTOS OTA agents are built with OTA_MAX_FILES 1) and fail the job on the device. Split the files over several OTA updates.`;
const two = json({ otaUpdateId: 'x', files: [{ fileName: 'a.bin' }, { fileName: 'b.bin' }] });
const yaml = 'files:\n  - fileName: a.bin\n  - fileName: b.bin\n  - fileName: c.bin\n';

testRule(rule, {
  valid: [
    { name: 'one file', request: { files: [{ fileName: 'fw.bin' }] } },
    { name: "no files is the model check's", request: { files: [] } },
    { name: 'files not a list', request: { files: { fileName: 'fw.bin' } } },
    { name: 'the generic profile has no limit', code: yaml, device: 'generic' },
    { name: 'a profile that takes three', code: yaml, device: { maxFiles: 3 } },
    { name: 'a profile without the limit', code: two, device: { extends: 'freertos-ota-v3', maxFiles: null } },
  ],
  invalid: [
    { name: 'two', code: two, errors: [{ message: several(2), ...rangeOf(two, '"files"'), path: '/files' }] },
    { name: 'YAML, three', code: yaml, errors: [{ message: several(3), ...rangeOf(yaml, 'files') }] },
    { name: 'a named profile', code: two, device: 'freertos-ota-v3', errors: [{ message: several(2, 1, 'freertos-ota-v3'), ...rangeOf(two, '"files"') }] },
    { name: 'a profile that takes two', code: yaml, device: { maxFiles: 2 }, errors: [{ message: several(3, 2), ...rangeOf(yaml, 'files') }] },
  ],
});
