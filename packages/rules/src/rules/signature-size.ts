import { decodeBase64Strictly, defineRule, isObject, isString, looksBase64Encoded, parseDerEcdsaSignature, pemLabel, signingParts } from '@otalint/core';

/** RSA signatures are as long as the key's modulus. */
const RSA_SIZES = new Map([
  [256, 'RSA-2048'],
  [384, 'RSA-3072'],
  [512, 'RSA-4096'],
]);
/** A P-256 coordinate is 32 bytes; DER adds a leading zero byte when the top bit is set. */
const P256_INTEGER_MAX = 33;

interface Options {
  /** The largest decoded signature the devices accept; default the device profile's `maxSignatureBytes`. */
  readonly maxBytes?: number;
}

/**
 * The size of a signature follows from its algorithm and key, so a size that does not fit means a
 * wrong signature or a wrong `signatureAlgorithm`: either way the device rejects the image.
 * FreeRTOS OTA agents keep the decoded signature in a fixed buffer, `kOTA_MaxSignatureSize`: 256
 * bytes (RSA-2048) in the amazon-freertos agent and ota-for-aws-iot-embedded-sdk up to v3.3, 384
 * (RSA-3072) from v3.4. The limit is the device profile's; the default profile takes the larger, so
 * no agent's valid signature is reported, and `freertos-ota-v3` (or option `maxBytes`) is stricter.
 */
export default defineRule<Options>({
  meta: {
    id: 'signature-size',
    description:
      "The decoded `customCodeSigning` signature has the size its `signatureAlgorithm` gives, and fits the device (the device profile's `maxSignatureBytes`: 384 by default).",
    category: 'signing',
    unknownValues: 'checked',
    needs: ['files[].codeSigning.customCodeSigning.signature'],
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    freertosSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    optionsSchema: {
      type: 'object',
      properties: { maxBytes: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
    messages: {
      notEcdsa:
        'The signature decodes to {{size}} bytes, which is not a DER ECDSA P-256 signature (about 70-72 bytes, at most 72) as `signatureAlgorithm` "{{algorithm}}" says{{hint}}. Fix the signature or `signatureAlgorithm`.',
      notRsa:
        'The signature decodes to {{size}} bytes, which is not an RSA signature as `signatureAlgorithm` "{{algorithm}}" says (as long as the key: 256 bytes for RSA-2048, 384 for RSA-3072){{hint}}. Fix the signature or `signatureAlgorithm`.',
      tooLarge:
        'The signature decodes to {{size}} bytes{{kind}}; the devices hold at most {{maxBytes}} ({{limitFrom}}; FreeRTOS OTA agents hold 256, or 384 from ota-for-aws-iot-embedded-sdk v3.4) and reject the job document. Sign with a smaller key, such as {{smaller}}.',
    },
  },
  defaultOptions: {},
  check(context) {
    const maxBytes = context.options.maxBytes ?? context.device.maxSignatureBytes;
    const limitFrom = context.options.maxBytes === undefined ? `device profile "${context.device.name}"` : 'option `maxBytes`';
    for (const { part: custom } of signingParts(context.request, 'customCodeSigning')) {
      const signature = custom.value.signature;
      if (!isObject(signature) || !isString(signature.inlineDocument)) continue;
      const decoded = decodeBase64Strictly(signature.inlineDocument);
      // What is not a plain base64 signature is signature-encoding's to report.
      if (!decoded.ok || pemLabel(decoded.bytes.toString('latin1')) !== undefined || looksBase64Encoded(decoded.bytes)) continue;
      const bytes = decoded.bytes;
      const path = [...custom.path, 'signature', 'inlineDocument'];
      const algorithm = isString(custom.value.signatureAlgorithm) ? custom.value.signatureAlgorithm : undefined;
      const family = algorithm?.toUpperCase();
      const der = parseDerEcdsaSignature(bytes);

      if (family === 'ECDSA' && !(der && der.rLength <= P256_INTEGER_MAX && der.sLength <= P256_INTEGER_MAX)) {
        context.report({ path, messageId: 'notEcdsa', data: { size: bytes.length, algorithm, hint: ecdsaHint(bytes.length, der !== undefined) } });
      } else if (family === 'RSA' && !RSA_SIZES.has(bytes.length)) {
        context.report({ path, messageId: 'notRsa', data: { size: bytes.length, algorithm, hint: der ? ': it is a DER ECDSA signature' : '' } });
      } else if (maxBytes !== undefined && bytes.length > maxBytes) {
        const kind = RSA_SIZES.get(bytes.length);
        const smaller = maxBytes >= 256 ? 'ECDSA P-256 or RSA-2048' : 'ECDSA P-256';
        context.report({
          path,
          messageId: 'tooLarge',
          data: { size: bytes.length, kind: kind && family === 'RSA' ? ` (an ${kind} signature)` : '', maxBytes, limitFrom, smaller },
        });
      }
    }
  },
});

function ecdsaHint(size: number, isDer: boolean): string {
  const rsa = RSA_SIZES.get(size);
  if (rsa) return `: it is the size of an ${rsa} signature`;
  if (isDer) return ': it is a DER ECDSA signature over a larger curve than P-256';
  if (size === 64) return ': 64 bytes is a raw r||s pair, and devices expect DER';
  return '';
}
