import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/require-code-signing.js';
import { json } from './support/json.js';
import { rangeOf } from './support/position.js';

const MISSING =
  'This file has no `codeSigning`; FreeRTOS OTA agents verify the image and reject it unsigned. Add `codeSigning` with `awsSignerJobId`, `startSigningJobParameter` or `customCodeSigning`.';
const EMPTY =
  '`codeSigning` names no signing method, so the file goes out unsigned; FreeRTOS OTA agents reject it. Add `awsSignerJobId`, `startSigningJobParameter` or `customCodeSigning`.';
const emptySigning = json({ files: [{ fileName: 'fw.bin', codeSigning: {} }] });
const unsigned = json({ files: [{ fileName: 'a.bin', codeSigning: { awsSignerJobId: 'j' } }, { fileName: 'b.bin' }] });
const yaml = 'files:\n  - fileName: fw.bin\n    fileType: 0\n';

testRule(rule, {
  valid: [
    { name: 'signed', request: { files: [{ fileName: 'fw.bin', codeSigning: { awsSignerJobId: 'j' } }] } },
    { name: 'no files', request: { otaUpdateId: 'x' } },
    {
      name: 'an empty method still names a method (custom-signing-complete reports what it lacks)',
      request: { files: [{ codeSigning: { customCodeSigning: {} } }] },
    },
    { name: "codeSigning of the wrong type is the model check's", request: { files: [{ codeSigning: 'signed' }] } },
    { name: "a file that is not an object is the model check's", request: { files: ['fw.bin'] } },
  ],
  invalid: [
    {
      name: 'the second file unsigned',
      code: unsigned,
      errors: [{ message: MISSING, line: 9, column: 5, endLine: 11, endColumn: 6, path: '/files/1/codeSigning' }],
    },
    { name: 'an empty codeSigning', code: emptySigning, errors: [{ message: EMPTY, ...rangeOf(emptySigning, '{}'), path: '/files/0/codeSigning' }] },
    { name: 'YAML', code: yaml, errors: [{ message: MISSING, line: 2, column: 5, endLine: 4, endColumn: 1 }] },
  ],
});
