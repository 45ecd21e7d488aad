import { childObject, defineRule, fileEntries, isString, type JsonPath } from '@otalint/core';

interface Options {
  /** Bucket name prefixes the OTA role's policy already covers. */
  readonly prefixes: readonly string[];
}

/**
 * The AmazonFreeRTOSOTAUpdate managed policy (the usual OTA role policy) reaches only buckets named
 * `afr-ota*`. Another bucket works only if the role has its own S3 permissions, which a file cannot
 * show: info, so that people know where a CREATE_FAILED may come from.
 */
export default defineRule<Options>({
  meta: {
    id: 's3-bucket-name',
    description: 'S3 buckets in the request are named `afr-ota*` (or another prefix the OTA role is known to reach).',
    category: 'files',
    unknownValues: 'checked',
    defaultSeverity: 'info',
    certainty: 'documented',
    presets: ['strict'],
    optionsSchema: {
      type: 'object',
      properties: { prefixes: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true } },
      additionalProperties: false,
    },
    messages: {
      outsidePolicy:
        'The {{role}} bucket "{{bucket}}" is not named {{prefixes}}; the AmazonFreeRTOSOTAUpdate managed policy reaches only those, so the OTA role needs its own S3 permissions on "{{bucket}}" ({{actions}}), or the update fails after it is created.',
    },
  },
  defaultOptions: { prefixes: ['afr-ota'] },
  check(context) {
    const prefixes = context.options.prefixes;
    for (const { bucket, path, role } of bucketUses(context.request)) {
      if (prefixes.some((prefix) => bucket.startsWith(prefix))) continue;
      const actions = role === 'source' ? 's3:GetObject, s3:GetObjectVersion' : 's3:PutObject';
      context.report({ path, messageId: 'outsidePolicy', data: { role, bucket, prefixes: prefixes.map((p) => `"${p}*"`).join(' or '), actions } });
    }
  },
});

interface BucketUse {
  readonly bucket: string;
  readonly path: JsonPath;
  readonly role: 'source' | 'signing destination';
}

/** Every bucket the service reads from (file sources) or has Signer write to (signing destinations). */
function bucketUses(request: unknown): BucketUse[] {
  const uses: BucketUse[] = [];
  for (const file of fileEntries(request)) {
    const s3 = childObject(file, 'fileLocation.s3Location');
    if (s3 && isString(s3.value.bucket)) uses.push({ bucket: s3.value.bucket, path: [...s3.path, 'bucket'], role: 'source' });
    const s3Destination = childObject(file, 'codeSigning.startSigningJobParameter.destination.s3Destination');
    if (s3Destination && isString(s3Destination.value.bucket)) {
      uses.push({ bucket: s3Destination.value.bucket, path: [...s3Destination.path, 'bucket'], role: 'signing destination' });
    }
  }
  return uses;
}
