import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/file-location-source.js';
import { json, withFile } from './support/json.js';
import { rangeOf } from './support/position.js';

const NEITHER =
  "`fileLocation` has neither `stream` nor `s3Location`; name the file's source (or drop `fileLocation` and sign with `codeSigning.awsSignerJobId`).";
const MISSING =
  'This file has no `fileLocation`; without `codeSigning.awsSignerJobId` (a finished AWS Signer job) the service has nothing to send. Add `fileLocation` with `s3Location` or `stream`.';

const stream = { streamId: 'fw_stream', fileId: 0 };
const s3Location = { bucket: 'afr-ota', key: 'fw.bin', version: '1' };
const signerJob = { awsSignerJobId: '48c67f3c-63bb-4f92-a98a-4ee0fbc2bef6' };

const empty = json(withFile({ fileName: 'fw.bin', fileLocation: {} }));
const missing = json({
  files: [
    { fileName: 'a.bin', fileLocation: { stream } },
    { fileName: 'b.bin', codeSigning: { customCodeSigning: {} } },
  ],
});
const yaml = 'files:\n  - fileName: fw.bin\n    fileLocation: {}\n';

testRule(rule, {
  valid: [
    { name: 'stream', request: withFile({ fileLocation: { stream } }) },
    { name: 's3Location', request: withFile({ fileLocation: { s3Location } }) },
    { name: "both: file-location-single-source's", request: withFile({ fileLocation: { stream, s3Location } }) },
    { name: 'no fileLocation with a finished Signer job', request: withFile({ codeSigning: signerJob }) },
    { name: 'empty fileLocation with a finished Signer job', request: withFile({ fileLocation: {}, codeSigning: signerJob }) },
    {
      name: 'no fileLocation with a signing job: signing-job-locations asks for the S3 source',
      request: withFile({ codeSigning: { startSigningJobParameter: { signingProfileName: 'p' } } }),
    },
    {
      name: 'empty fileLocation with a signing job',
      request: withFile({ fileLocation: {}, codeSigning: { startSigningJobParameter: { signingProfileName: 'p' } } }),
    },
    { name: "fileLocation of the wrong type is the model check's", request: withFile({ fileLocation: 'bucket/key' }) },
  ],
  invalid: [
    { name: 'neither', code: empty, errors: [{ message: NEITHER, ...rangeOf(empty, '{}'), path: '/files/0/fileLocation' }] },
    {
      name: 'no fileLocation, second file',
      code: missing,
      errors: [{ message: MISSING, line: 12, column: 5, endLine: 17, endColumn: 6 /* files[1] */, path: '/files/1/fileLocation' }],
    },
    { name: 'YAML', code: yaml, errors: [{ message: NEITHER, ...rangeOf(yaml, '{}') }] },
  ],
});
