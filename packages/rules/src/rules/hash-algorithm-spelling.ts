import { defineRule, isString, signingParts } from '@otalint/core';
import { SIGNING_NAMES, signatureKey, withoutSeparators } from '../signing-names.js';

/**
 * `SHA-256` is how the AWS console and most tools spell the hash, and the service accepts it, but
 * the job document then carries the signature under `sig-sha-256-ecdsa`, which no FreeRTOS agent
 * looks up: the signature check fails on every device (boto/boto3#3121, aws/aws-sdk#180). The
 * correction is certain, so it is a fix.
 */
export default defineRule({
  meta: {
    id: 'hash-algorithm-spelling',
    description:
      '`customCodeSigning.hashAlgorithm` is written `SHA256` or `SHA1`, without a hyphen: "SHA-256" changes the job-document key and devices fail the signature check.',
    category: 'signing',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    fixable: true,
    unknownValues: 'checked',
    needs: ['files[].codeSigning.customCodeSigning'],
    messages: {
      separated:
        '`hashAlgorithm` "{{value}}" puts the signature under `{{key}}` in the job document, but devices look for `{{expected}}`: they find no signature and fail the check (the service accepts either spelling). Write "{{fixed}}".',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const { part: custom } of signingParts(context.request, 'customCodeSigning')) {
      const value = custom.value.hashAlgorithm;
      if (!isString(value)) continue;
      const fixed = withoutSeparators(value);
      if (fixed.toUpperCase() === value.toUpperCase() || !(SIGNING_NAMES.hashAlgorithm as readonly string[]).includes(fixed)) continue;
      const path = [...custom.path, 'hashAlgorithm'];
      const signature = custom.value.signatureAlgorithm;
      context.report({
        path,
        messageId: 'separated',
        data: { value, fixed, key: signatureKey(value, signature), expected: signatureKey(fixed, signature) },
        fix: [{ kind: 'replace', path, value: fixed }],
        supersedes: 'signing-algorithms',
      });
    }
  },
});
