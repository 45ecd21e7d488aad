import { defineRule, isAbsent, joinWords, signingParts } from '@otalint/core';

/** What a device needs from customCodeSigning, as paths inside it. */
const NEEDED = ['signature.inlineDocument', 'certificateChain.certificateName', 'hashAlgorithm', 'signatureAlgorithm'];

/**
 * Every member of customCodeSigning is optional in the model, yet a device needs all four to
 * verify the image: the service passes them on unchecked (inferred: a warning).
 */
export default defineRule({
  meta: {
    id: 'custom-signing-complete',
    description: '`customCodeSigning` carries the signature, the certificate name and both algorithms a device needs to verify the image.',
    category: 'signing',
    unknownValues: 'checked',
    needs: ['files[].codeSigning.customCodeSigning'],
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    freertosSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      incomplete:
        "`customCodeSigning` has no {{missing}}; the device needs the signature (`signature.inlineDocument`), its verification certificate's name (`certificateChain.certificateName`, its path on the device) and the algorithms (`hashAlgorithm`, `signatureAlgorithm`) to verify the image. Add {{them}}.",
    },
  },
  defaultOptions: {},
  check(context) {
    for (const { part: custom } of signingParts(context.request, 'customCodeSigning')) {
      const missing = NEEDED.filter((path) => isAbsent(custom.value, path)).map((path) => `\`${path}\``);
      if (missing.length === 0) continue;
      context.report({
        path: custom.path,
        target: 'key',
        messageId: 'incomplete',
        data: { missing: joinWords(missing, 'or'), them: missing.length === 1 ? 'it' : 'them' },
      });
    }
  },
});
