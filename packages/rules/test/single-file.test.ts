import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/single-file.js';
import { json } from './support/json.js';
import { rangeOf } from './support/position.js';

const several = (count: number) =>
  `\`files\` has ${count} files; FreeRTOS OTA agents accept exactly one per update (OTA_MAX_FILES is 1) and fail the job on the device. Create one OTA update per file.`;
const two = json({ otaUpdateId: 'x', files: [{ fileName: 'a.bin' }, { fileName: 'b.bin' }] });
const yaml = 'files:\n  - fileName: a.bin\n  - fileName: b.bin\n  - fileName: c.bin\n';

testRule(rule, {
  valid: [
    { name: 'one file', request: { files: [{ fileName: 'fw.bin' }] } },
    { name: "no files is the model check's", request: { files: [] } },
    { name: 'files not a list', request: { files: { fileName: 'fw.bin' } } },
  ],
  invalid: [
    { name: 'two', code: two, errors: [{ message: several(2), ...rangeOf(two, '"files"'), path: '/files' }] },
    { name: 'YAML, three', code: yaml, errors: [{ message: several(3), ...rangeOf(yaml, 'files') }] },
  ],
});
