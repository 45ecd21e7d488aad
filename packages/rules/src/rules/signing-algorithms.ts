import { defineRule, didYouMean, isString, signingParts } from '@otalint/core';

const ALLOWED = {
  hashAlgorithm: ['SHA256', 'SHA1'],
  signatureAlgorithm: ['ECDSA', 'RSA'],
} as const;

/**
 * The model takes any string, but FreeRTOS OTA agents look the pair up as a job-document key
 * such as `sig-sha256-ecdsa` and know only these four combinations' parts.
 */
export default defineRule({
  meta: {
    id: 'signing-algorithms',
    description: '`customCodeSigning.hashAlgorithm` is SHA256 or SHA1 and `signatureAlgorithm` is ECDSA or RSA, the values FreeRTOS OTA agents verify.',
    category: 'signing',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'documented',
    presets: ['strict', 'freertos'],
    hasSuggestions: true,
    messages: {
      unknown:
        '`{{member}}` "{{value}}" is not one FreeRTOS OTA agents verify; they know {{allowed}} (the device looks up a key such as `sig-sha256-ecdsa`).{{didYouMean}}',
      useValue: 'Use "{{value}}".',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const { part: custom } of signingParts(context.request, 'customCodeSigning')) {
      for (const member of ['hashAlgorithm', 'signatureAlgorithm'] as const) {
        const value = custom.value[member];
        const allowed: readonly string[] = ALLOWED[member];
        if (!isString(value) || allowed.includes(value)) continue;
        // Only spelling variants of a known value (case, separators): EdDSA is not a typo of ECDSA.
        const near = allowed.find((candidate) => candidate === normalize(value));
        const path = [...custom.path, member];
        context.report({
          path,
          messageId: 'unknown',
          data: { member, value, allowed: allowed.map((a) => `"${a}"`).join(' or '), didYouMean: didYouMean(near) },
          ...(near ? { suggestions: [{ messageId: 'useValue', data: { value: near }, edits: [{ kind: 'replace', path, value: near }] }] } : {}),
        });
      }
    }
  },
});

function normalize(value: string): string {
  return value.toUpperCase().replace(/[-_\s]/g, '');
}
