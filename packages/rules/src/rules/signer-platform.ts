import { childObject, closest, defineRule, didYouMean, isString, signingParts } from '@otalint/core';

/** AWS Signer platforms that produce what OTA agents verify. */
const OTA_PLATFORMS = ['AmazonFreeRTOS-Default', 'AmazonFreeRTOS-TI-CC3220SF', 'AWSIoTDeviceManagement-SHA256-ECDSA'] as const;

/**
 * Signer has other platforms (AWSLambda-SHA384-ECDSA, Notation-OCI-SHA384-ECDSA...) that sign
 * happily, but with a hash or format OTA agents do not verify.
 */
export default defineRule({
  meta: {
    id: 'signer-platform',
    description:
      '`signingProfileParameter.platform` is an AWS Signer platform meant for OTA: `AmazonFreeRTOS-Default`, `AmazonFreeRTOS-TI-CC3220SF` or `AWSIoTDeviceManagement-SHA256-ECDSA`.',
    category: 'signing',
    unknownValues: 'checked',
    needs: ['files[].codeSigning.startSigningJobParameter.signingProfileParameter'],
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    hasSuggestions: true,
    messages: {
      notOta:
        '`platform` "{{platform}}" is not an AWS Signer platform for OTA updates; devices cannot verify what it signs. Use one of {{platforms}}.{{didYouMean}}',
      usePlatform: 'Use "{{platform}}".',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const { part: job } of signingParts(context.request, 'startSigningJobParameter')) {
      const parameter = childObject(job, 'signingProfileParameter');
      const platform = parameter?.value.platform;
      if (!parameter || !isString(platform) || (OTA_PLATFORMS as readonly string[]).includes(platform)) continue;
      const path = [...parameter.path, 'platform'];
      const near = closest(platform, OTA_PLATFORMS);
      context.report({
        path,
        messageId: 'notOta',
        data: { platform, platforms: OTA_PLATFORMS.map((p) => `"${p}"`).join(', '), didYouMean: didYouMean(near) },
        suggestions: (near ? [near, ...OTA_PLATFORMS.filter((candidate) => candidate !== near)] : OTA_PLATFORMS).map((candidate) => ({
          messageId: 'usePlatform',
          data: { platform: candidate },
          edits: [{ kind: 'replace', path, value: candidate }],
        })),
      });
    }
  },
});
