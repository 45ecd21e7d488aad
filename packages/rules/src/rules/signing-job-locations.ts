import { childObject, defineRule, isAbsent, isPresent, signingParts, type LocatedObject } from '@otalint/core';

const SOURCE_MEMBERS = ['bucket', 'key', 'version'] as const;

/**
 * AWS Signer signs a versioned S3 object: `StartSigningJob` requires its bucket, key and version.
 * The destination is optional: without one the service has Signer write the signed copy next to
 * the source (AWS's FreeRTOS OTA end-to-end tests create updates that way).
 */
const rule = defineRule({
  meta: {
    id: 'signing-job-locations',
    description: 'A file signed through `startSigningJobParameter` has an S3 source with `bucket`, `key` and `version`.',
    category: 'signing',
    unknownValues: 'checked',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      noS3Source:
        '`startSigningJobParameter` needs the file in S3: AWS Signer signs `fileLocation.s3Location` (`bucket`, `key`, `version`), {{found}}. Upload the file to a versioned bucket and give its location.',
      missingSourceMember: '`fileLocation.s3Location` has no `{{member}}`; AWS Signer needs `bucket`, `key` and `version` to start the signing job. {{hint}}',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const { file } of signingParts(context.request, 'startSigningJobParameter')) checkSource(context, file);
  },
});

type Context = Parameters<NonNullable<(typeof rule)['check']>>[0];

function checkSource(context: Context, file: LocatedObject): void {
  const location = childObject(file, 'fileLocation');
  // a fileLocation of the wrong type is the model check's to report
  if (!location && !isAbsent(file.value, 'fileLocation')) return;
  const s3 = childObject(file, 'fileLocation.s3Location');
  if (!s3) {
    if (!isAbsent(file.value, 'fileLocation.s3Location')) return;
    const found = isPresent(file.value, 'fileLocation.stream')
      ? 'but this file comes from a `stream`'
      : isAbsent(file.value, 'fileLocation.stream')
        ? 'but this file has none'
        : 'but this file has no `s3Location`';
    const path = location ? [...location.path, 's3Location'] : [...file.path, 'fileLocation'];
    context.report({ path, target: 'parent', messageId: 'noS3Source', data: { found } });
    return;
  }
  for (const member of SOURCE_MEMBERS) {
    if (!isAbsent(s3.value, member)) continue; // a wrong type is the model check's to report
    const hint = member === 'version' ? "Enable versioning on the bucket and give the object's version id." : `Give the object's ${member}.`;
    context.report({ path: [...s3.path, member], target: 'parent', messageId: 'missingSourceMember', data: { member, hint } });
  }
}

export default rule;
