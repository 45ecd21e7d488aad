import { defineRule, didYouMean, isString, signingParts } from '@otalint/core';
import { SIGNING_NAMES, signatureKey, withoutSeparators } from '../signing-names.js';

/**
 * The model takes any string. The service writes the signature into the job document under the
 * key `sig-<hash>-<signature>` in lower case, and FreeRTOS OTA agents look it up by name
 * (`sig-sha256-ecdsa`, `sig-sha1-rsa`, `sig-sha256-rsa`): any other key is no signature at all.
 * Letter case does not change the key, so `sha256` is as good as `SHA256`.
 */
export default defineRule({
  meta: {
    id: 'signing-algorithms',
    description:
      '`customCodeSigning.hashAlgorithm` is SHA256 or SHA1 and `signatureAlgorithm` is ECDSA or RSA (in any letter case), the names FreeRTOS OTA agents look the signature up by.',
    category: 'signing',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    freertosSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    hasSuggestions: true,
    unknownValues: 'checked',
    needs: ['files[].codeSigning.customCodeSigning'],
    messages: {
      unknown:
        '`{{member}}` "{{value}}" puts the signature under `{{key}}` in the job document, a key FreeRTOS OTA agents never look up (they know {{allowed}}, in any letter case, as in `sig-sha256-ecdsa`): the device finds no signature and rejects the image.{{didYouMean}}',
      useValue: 'Use "{{value}}".',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const { part: custom } of signingParts(context.request, 'customCodeSigning')) {
      const key = signatureKey(custom.value.hashAlgorithm, custom.value.signatureAlgorithm);
      for (const member of ['hashAlgorithm', 'signatureAlgorithm'] as const) {
        const value = custom.value[member];
        const known: readonly string[] = SIGNING_NAMES[member];
        if (!isString(value) || known.includes(value.toUpperCase())) continue;
        // Only spelling variants of a known name (separators): EdDSA is not a typo of ECDSA.
        const near = known.find((candidate) => candidate === withoutSeparators(value));
        const path = [...custom.path, member];
        context.report({
          path,
          messageId: 'unknown',
          data: { member, value, key, allowed: known.map((name) => `"${name}"`).join(' or '), didYouMean: didYouMean(near) },
          ...(near ? { suggestions: [{ messageId: 'useValue', data: { value: near }, edits: [{ kind: 'replace', path, value: near }] }] } : {}),
        });
      }
    }
  },
});
