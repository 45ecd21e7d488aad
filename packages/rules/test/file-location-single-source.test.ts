import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/file-location-single-source.js';
import { json, withFile } from './support/json.js';
import { rangeOf } from './support/position.js';

const BOTH =
  '`fileLocation` has both `stream` and `s3Location`, and which one the service sends is undefined. Keep `stream` for a file already in an IoT stream, or `s3Location` for an S3 object.';

const stream = { streamId: 'fw_stream', fileId: 0 };
const s3Location = { bucket: 'afr-ota', key: 'fw.bin', version: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY' };

const both = json({
  files: [
    { fileName: 'a.bin', fileLocation: { stream } },
    { fileName: 'b.bin', fileLocation: { stream, s3Location } },
  ],
});
const yaml = 'files:\n  - fileName: fw.bin\n    fileLocation:\n      stream: {streamId: s, fileId: 0}\n      s3Location: {bucket: b, key: k, version: "1"}\n';

testRule(rule, {
  valid: [
    { name: 'stream', request: withFile({ fileLocation: { stream } }) },
    { name: 's3Location', request: withFile({ fileLocation: { s3Location } }) },
    { name: "neither: file-location-source's", request: withFile({ fileLocation: {} }) },
    { name: 'no fileLocation', request: withFile({ fileName: 'fw.bin' }) },
  ],
  invalid: [
    { name: 'both, second file', code: both, errors: [{ message: BOTH, ...rangeOf(both, '"fileLocation"', 2), path: '/files/1/fileLocation' }] },
    { name: 'YAML', code: yaml, errors: [{ message: BOTH, ...rangeOf(yaml, 'fileLocation') }] },
  ],
});
