import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/s3-version-id.js';
import { json } from './support/json.js';
import { rangeOf } from './support/position.js';

const find = (bucket: string, key: string) =>
  `Give the object's version id, as \`aws s3api head-object --bucket ${bucket} --key ${key}\` prints it (VersionId)`;
const blank = (bucket: string, key: string) =>
  `\`s3Location.version\` is empty, which no S3 object version is, and the update fails when the service reads the object. ${find(bucket, key)}, or leave \`version\` out.`;
const newest = (value: string, bucket: string, key: string) =>
  `\`s3Location.version\` "${value}" is not an S3 version id: S3 has no name for the newest version, and the update fails when the service reads the object ("Invalid version id"). ${find(bucket, key)}.`;
const release = (value: string, bucket: string, key: string, fileVersion = '') =>
  `\`s3Location.version\` "${value}" is a release number${fileVersion}, not an S3 version id: S3 generates version ids itself (long opaque strings such as "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"), and the update fails when the service reads the object. ${find(bucket, key)}; the release number belongs in \`fileVersion\`.`;

const file = (version: unknown, extra: Record<string, unknown> = {}) => ({
  fileName: 'fw.bin',
  ...extra,
  fileLocation: { s3Location: { bucket: 'afr-ota', key: 'fw/app.bin', version } },
});
const latest = json({ files: [file('latest')] });
const dollar = json({ files: [file('3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY'), file('$LATEST')] });
const sameAsFile = json({ files: [file('1.4.0', { fileVersion: '1.4.0' })] });
const empty = json({ files: [file('  ')] });
const yaml = 'files:\n  - fileLocation:\n      s3Location: {bucket: b, version: v2}\n';

testRule(rule, {
  valid: [
    { name: 'a version id', request: { files: [file('3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY')] } },
    { name: 'an id with + and / (as AWS docs show)', request: { files: [file('3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo')] } },
    { name: '"null": an object stored before versioning was turned on', request: { files: [file('null')] } },
    { name: "no version: s3-object-version's", request: { files: [{ fileLocation: { s3Location: { bucket: 'b', key: 'k' } } }] } },
    { name: "a number is the model check's", request: { files: [file(3)] } },
    { name: 'a stream', request: { files: [{ fileLocation: { stream: { streamId: 's', fileId: 0 } } }] } },
  ],
  invalid: [
    {
      name: 'latest',
      code: latest,
      errors: [{ message: newest('latest', 'afr-ota', 'fw/app.bin'), ...rangeOf(latest, '"latest"'), path: '/files/0/fileLocation/s3Location/version' }],
    },
    {
      name: '$LATEST in the second file',
      code: dollar,
      errors: [{ message: newest('$LATEST', 'afr-ota', 'fw/app.bin'), ...rangeOf(dollar, '"$LATEST"'), path: '/files/1/fileLocation/s3Location/version' }],
    },
    {
      name: 'the release number, as in fileVersion',
      code: sameAsFile,
      errors: [{ message: release('1.4.0', 'afr-ota', 'fw/app.bin', " (the file's `fileVersion`)"), ...rangeOf(sameAsFile, '"1.4.0"', 2) }],
    },
    { name: 'blank', code: empty, errors: [{ message: blank('afr-ota', 'fw/app.bin'), ...rangeOf(empty, '"  "') }] },
    { name: 'YAML, no key', code: yaml, errors: [{ message: release('v2', 'b', '<key>'), ...rangeOf(yaml, 'v2') }] },
  ],
});
