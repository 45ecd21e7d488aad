import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/signing-job-locations.js';
import { json, withFile } from './support/json.js';
import { rangeOf, rangeOfValue } from './support/position.js';

const noS3 = (found: string) =>
  `\`startSigningJobParameter\` needs the file in S3: AWS Signer signs \`fileLocation.s3Location\` (\`bucket\`, \`key\`, \`version\`), ${found}. Upload the file to a versioned bucket and give its location.`;
const missingMember = (member: string, hint: string) =>
  `\`fileLocation.s3Location\` has no \`${member}\`; AWS Signer needs \`bucket\`, \`key\` and \`version\` to start the signing job. ${hint}`;
const VERSION_HINT = "Enable versioning on the bucket and give the object's version id.";

const source = { s3Location: { bucket: 'afr-ota-src', key: 'fw.bin', version: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY' } };
const job = { signingProfileName: 'ota_profile', destination: { s3Destination: { bucket: 'afr-ota-signed' } } };
const file = (fileLocation: unknown, startSigningJobParameter: unknown = job) =>
  withFile({ fileName: 'fw.bin', fileLocation, codeSigning: { startSigningJobParameter } });

const fromStream = json(file({ stream: { streamId: 's1', fileId: 0 } }));
const noLocation = json(withFile({ fileName: 'fw.bin', codeSigning: { startSigningJobParameter: job } }));
const noVersion = json(file({ s3Location: { bucket: 'afr-ota-src', key: 'fw.bin' } }));
const emptyS3 = json(file({ s3Location: {} }));
const yaml = [
  'files:',
  '  - fileName: fw.bin',
  '    fileLocation:',
  '      s3Location: {bucket: afr-ota-src, key: fw.bin}',
  '    codeSigning:',
  '      startSigningJobParameter:',
  '        signingProfileName: ota_profile',
  '        destination: {s3Destination: {bucket: afr-ota-signed}}',
  '',
].join('\n');

testRule(rule, {
  valid: [
    { name: 'complete', request: file(source) },
    { name: "no signing job: not this rule's business", request: withFile({ fileLocation: { stream: { streamId: 's', fileId: 0 } } }) },
    {
      name: 'custom signing from a stream',
      request: withFile({ fileLocation: { stream: { streamId: 's', fileId: 0 } }, codeSigning: { customCodeSigning: {} } }),
    },
    {
      name: "an empty leftover beside a Signer job is single-signing-method's",
      request: withFile({ fileLocation: { stream: { streamId: 's', fileId: 0 } }, codeSigning: { awsSignerJobId: 'j', startSigningJobParameter: {} } }),
    },
    { name: "a wrong type for version is the model check's", request: file({ s3Location: { ...source.s3Location, version: 3 } }) },
    { name: 'no destination: optional (the signed copy goes next to the source)', request: file(source, { signingProfileName: 'ota_profile' }) },
    { name: 'empty destination', request: file(source, { signingProfileName: 'ota_profile', destination: {} }) },
  ],
  invalid: [
    {
      name: 'stream source',
      code: fromStream,
      errors: [{ message: noS3('but this file comes from a `stream`'), ...rangeOfValue(fromStream, 'fileLocation'), path: '/files/0/fileLocation/s3Location' }],
    },
    {
      name: 'no fileLocation',
      code: noLocation,
      errors: [{ message: noS3('but this file has none'), line: 3, column: 5, endLine: 15, endColumn: 6 /* files[0] */, path: '/files/0/fileLocation' }],
    },
    {
      name: 'no version',
      code: noVersion,
      errors: [{ message: missingMember('version', VERSION_HINT), ...rangeOfValue(noVersion, 's3Location'), path: '/files/0/fileLocation/s3Location/version' }],
    },
    {
      name: 'empty s3Location: every member, once each',
      code: emptyS3,
      errors: [
        { message: missingMember('bucket', "Give the object's bucket."), ...rangeOf(emptyS3, '{}') },
        { message: missingMember('key', "Give the object's key."), ...rangeOf(emptyS3, '{}') },
        { message: missingMember('version', VERSION_HINT), ...rangeOf(emptyS3, '{}') },
      ],
    },
    { name: 'YAML', code: yaml, errors: [{ message: missingMember('version', VERSION_HINT), ...rangeOf(yaml, '{bucket: afr-ota-src, key: fw.bin}') }] },
  ],
});
