import { decodeBase64Strictly, defineRule, isObject, isString, signingParts } from '@otalint/core';

/** What to pass instead, in the language of the call. */
const BYTES_CALL: Record<string, string> = {
  javascript: "`Buffer.from(signature, 'base64')`",
  python: '`base64.b64decode(signature)`',
};

/**
 * The SDKs take a blob as bytes and base64-encode it on the wire. Given a string, the JavaScript
 * SDK (v2 and v3) and boto3 encode its UTF-8 bytes, so base64 text arrives encoded twice and the
 * device, decoding once, verifies garbage. Only code has this mistake: a request file holds the
 * base64 text itself.
 */
export default defineRule({
  meta: {
    id: 'sdk-signature-bytes',
    description: 'In SDK calls, `signature.inlineDocument` is given as bytes (the decoded signature), not as base64 text, which the SDK encodes again.',
    category: 'signing',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    hasSuggestions: true,
    messages: {
      base64Text:
        '`signature.inlineDocument` is given as base64 text ("{{preview}}"); the SDK takes bytes and base64-encodes them, so this signature reaches the device encoded twice and fails verification. Pass the decoded bytes: {{call}}.',
      decode: 'Pass the decoded bytes: {{call}}.',
    },
    unknownValues: 'checked',
    needs: ['files[].codeSigning.customCodeSigning.signature'],
  },
  defaultOptions: {},
  check(context) {
    for (const { part: custom } of signingParts(context.request, 'customCodeSigning')) {
      const signature = custom.value.signature;
      if (!isObject(signature) || !isString(signature.inlineDocument)) continue;
      const path = [...custom.path, 'signature', 'inlineDocument'];
      if (context.blobInput(path) !== 'text') continue;
      // The value is what the SDK sends: the base64 of the text the code holds.
      const written = Buffer.from(signature.inlineDocument, 'base64').toString('utf8');
      if (!decodeBase64Strictly(written).ok) continue;
      const call = BYTES_CALL[context.format] ?? 'the signature as bytes';
      const preview = written.length > 16 ? `${written.slice(0, 12)}...` : written;
      context.report({
        path,
        messageId: 'base64Text',
        data: { preview, call },
        supersedes: 'signature-encoding',
        suggestions: [{ messageId: 'decode', data: { call }, edits: [{ kind: 'replace', path, value: written }] }],
      });
    }
  },
});
