import { childObject, defineRule, fileEntries, isAbsent, mayUseSigningMethod, type LocatedObject } from '@otalint/core';

/**
 * A file needs a source: an IoT stream or an S3 object. It may have no location only when
 * `codeSigning.awsSignerJobId` names a finished Signer job, whose signed output is used. Naming
 * both sources is file-location-single-source's (an inference, so a warning).
 */
export default defineRule({
  meta: {
    id: 'file-location-source',
    description: '`fileLocation` names a source, `stream` or `s3Location`; it may be omitted only with `codeSigning.awsSignerJobId`.',
    category: 'files',
    unknownValues: 'checked',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      neither:
        "`fileLocation` has neither `stream` nor `s3Location`; name the file's source (or drop `fileLocation` and sign with `codeSigning.awsSignerJobId`).",
      missing:
        'This file has no `fileLocation`; without `codeSigning.awsSignerJobId` (a finished AWS Signer job) the service has nothing to send. Add `fileLocation` with `s3Location` or `stream`.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const file of fileEntries(context.request)) {
      const location = childObject(file, 'fileLocation');
      if (location) {
        if (isAbsent(location.value, 'stream') && isAbsent(location.value, 's3Location') && !maySignWithoutLocation(file)) {
          context.report({ path: location.path, messageId: 'neither' });
        }
      } else if (isAbsent(file.value, 'fileLocation') && !maySignWithoutLocation(file)) {
        context.report({ path: [...file.path, 'fileLocation'], target: 'parent', messageId: 'missing' });
      }
    }
  },
});

/**
 * A finished Signer job supplies the file; a signing job needs an S3 source in particular, which
 * signing-job-locations says more precisely.
 */
function maySignWithoutLocation(file: LocatedObject): boolean {
  return mayUseSigningMethod(file, 'awsSignerJobId') || mayUseSigningMethod(file, 'startSigningJobParameter');
}
