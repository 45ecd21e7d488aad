import { childObject, defineRule, fileEntries, isString } from '@otalint/core';

/** Words people write for "the newest version"; S3 has no such alias. */
const NEWEST = new Set(['latest', '$latest', 'current', 'newest', 'head', 'last']);
/** A release number (`1`, `1.2.0`, `v2.1-rc1`): what `fileVersion` holds, never what S3 generates. */
const RELEASE = /^v?\d+(?:\.\d+){0,3}(?:[-+][0-9A-Za-z.-]{1,12})?$/i;
const HOW_TO_FIND = "Give the object's version id, as `aws s3api head-object --bucket {{bucket}} --key {{key}}` prints it (VersionId)";

/**
 * Only S3 generates version ids (S3 User Guide, "How S3 Versioning works": long opaque strings
 * such as `3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY`, or `null` for an object stored before versioning
 * was turned on). The service reads the object at the version given when it creates the update (to
 * sign it or build its stream), so a value S3 never generated fails the update (S3 answers "Invalid
 * version id" or "NoSuchVersion").
 */
export default defineRule({
  meta: {
    id: 's3-version-id',
    description: '`s3Location.version` can be an S3 version id: not empty, not a word such as "latest", not a release number.',
    category: 'files',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    unknownValues: 'checked',
    messages: {
      blank: `\`s3Location.version\` is empty, which no S3 object version is, and the update fails when the service reads the object. ${HOW_TO_FIND}, or leave \`version\` out.`,
      newest: `\`s3Location.version\` "{{value}}" is not an S3 version id: S3 has no name for the newest version, and the update fails when the service reads the object ("Invalid version id"). ${HOW_TO_FIND}.`,
      release: `\`s3Location.version\` "{{value}}" is a release number{{fileVersion}}, not an S3 version id: S3 generates version ids itself (long opaque strings such as "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"), and the update fails when the service reads the object. ${HOW_TO_FIND}; the release number belongs in \`fileVersion\`.`,
    },
  },
  defaultOptions: {},
  check(context) {
    for (const file of fileEntries(context.request)) {
      const s3 = childObject(file, 'fileLocation.s3Location');
      const value = s3?.value.version;
      if (!s3 || !isString(value)) continue;
      const word = value.trim().toLowerCase();
      const messageId = word === '' ? 'blank' : NEWEST.has(word) ? 'newest' : RELEASE.test(value) ? 'release' : undefined;
      if (!messageId) continue;
      const data = {
        value,
        bucket: isString(s3.value.bucket) ? s3.value.bucket : '<bucket>',
        key: isString(s3.value.key) ? s3.value.key : '<key>',
        fileVersion: file.value.fileVersion === value ? " (the file's `fileVersion`)" : '',
      };
      context.report({ path: [...s3.path, 'version'], messageId, data });
    }
  },
});
