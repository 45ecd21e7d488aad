import { decodeBase64Strictly, defineRule, isObject, isString, looksBase64Encoded, pemLabel, signingParts } from '@otalint/core';

const WHAT_BELONGS = 'it must hold the base64 of the raw signature bytes (e.g. `openssl dgst -sha256 -sign key.pem firmware.bin | base64 -w0`)';

/**
 * The AWS CLI v2 drops characters outside the base64 alphabet and sends the rest, so PEM text and
 * stray characters reach the device as garbage and fail verification there (esp-aws-iot#221).
 */
export default defineRule({
  meta: {
    id: 'signature-encoding',
    description:
      '`customCodeSigning.signature.inlineDocument` is the base64 of the raw signature bytes: not empty, not PEM text, nothing outside the base64 alphabet.',
    category: 'signing',
    unknownValues: 'checked',
    needs: ['files[].codeSigning.customCodeSigning.signature'],
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      empty: '`signature.inlineDocument` is empty; {{what}}.',
      pem: '`signature.inlineDocument` holds PEM text ("-----BEGIN {{label}}-----"){{where}}; {{what}}.',
      character:
        '`signature.inlineDocument` is not base64: "{{character}}" at position {{position}} is outside the base64 alphabet (A-Z a-z 0-9 + /){{urlSafe}}; {{what}}.',
      padding:
        '`signature.inlineDocument` is not base64: its {{length}} characters are not a whole number of 4-character groups (check for a cut-off value or missing "=" padding); {{what}}.',
      decodesToPem: '`signature.inlineDocument` is base64 of PEM text ("-----BEGIN {{label}}-----"), not of a signature; {{what}}.',
      doubleEncoded: '`signature.inlineDocument` is base64 encoded twice (it decodes to more base64 text); encode the raw signature bytes once.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const { part: custom } of signingParts(context.request, 'customCodeSigning')) {
      const signature = custom.value.signature;
      if (!isObject(signature) || !isString(signature.inlineDocument)) continue;
      const path = [...custom.path, 'signature', 'inlineDocument'];
      const data = { what: WHAT_BELONGS };
      const decoded = decodeBase64Strictly(signature.inlineDocument);
      if (!decoded.ok) {
        const { problem } = decoded;
        switch (problem.kind) {
          case 'empty':
            context.report({ path, messageId: 'empty', data });
            break;
          case 'pem': {
            const where = problem.label === 'CERTIFICATE' ? ', a certificate: it belongs in `certificateChain.inlineDocument`' : '';
            context.report({ path, messageId: 'pem', data: { ...data, label: problem.label, where } });
            break;
          }
          case 'character': {
            const urlSafe = problem.character === '-' || problem.character === '_' ? ' (this is URL-safe base64: use "+" and "/" instead of "-" and "_")' : '';
            context.report({ path, messageId: 'character', data: { ...data, character: problem.character, position: problem.index + 1, urlSafe } });
            break;
          }
          case 'padding':
            context.report({ path, messageId: 'padding', data: { ...data, length: problem.length } });
            break;
        }
        continue;
      }
      const label = pemLabel(decoded.bytes.toString('latin1'));
      if (label !== undefined) context.report({ path, messageId: 'decodesToPem', data: { ...data, label } });
      else if (looksBase64Encoded(decoded.bytes)) context.report({ path, messageId: 'doubleEncoded' });
    }
  },
});
