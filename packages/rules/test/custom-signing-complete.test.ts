import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/custom-signing-complete.js';
import { json, withFile } from './support/json.js';
import { material } from './support/material.js';
import { rangeOf } from './support/position.js';

const incomplete = (missing: string, them = 'them') =>
  `\`customCodeSigning\` has no ${missing}; the device needs the signature (\`signature.inlineDocument\`), its verification certificate's name (\`certificateChain.certificateName\`, its path on the device) and the algorithms (\`hashAlgorithm\`, \`signatureAlgorithm\`) to verify the image. Add ${them}.`;
const complete = {
  signature: { inlineDocument: material.ecdsaSignature },
  certificateChain: { certificateName: '/certs/ota_signer.crt' },
  hashAlgorithm: 'SHA256',
  signatureAlgorithm: 'ECDSA',
};
const custom = (customCodeSigning: unknown) => withFile({ codeSigning: { customCodeSigning } });
const { hashAlgorithm: _hash, ...noHash } = complete;

const empty = json(custom({}));
const onlyHash = json(custom(noHash));
const innerMissing = json(custom({ ...complete, signature: {}, certificateChain: { inlineDocument: 'x' } }));
const yaml = 'files:\n  - codeSigning:\n      customCodeSigning:\n        signature: {inlineDocument: MEUCIQ==}\n';

testRule(rule, {
  valid: [
    { name: 'complete', request: custom(complete) },
    {
      name: "an empty leftover beside a Signer job is single-signing-method's",
      request: withFile({ codeSigning: { awsSignerJobId: 'j', customCodeSigning: {} } }),
    },
    { name: 'no custom signing', request: withFile({ codeSigning: { awsSignerJobId: 'j' } }) },
  ],
  invalid: [
    {
      name: 'empty and alone',
      code: empty,
      errors: [
        {
          message: incomplete('`signature.inlineDocument`, `certificateChain.certificateName`, `hashAlgorithm` or `signatureAlgorithm`'),
          ...rangeOf(empty, '"customCodeSigning"'),
          path: '/files/0/codeSigning/customCodeSigning',
        },
      ],
    },
    { name: 'one missing', code: onlyHash, errors: [{ message: incomplete('`hashAlgorithm`', 'it'), ...rangeOf(onlyHash, '"customCodeSigning"') }] },
    {
      name: 'objects without their inner members',
      code: innerMissing,
      errors: [{ message: incomplete('`signature.inlineDocument` or `certificateChain.certificateName`'), ...rangeOf(innerMissing, '"customCodeSigning"') }],
    },
    {
      name: 'YAML',
      code: yaml,
      errors: [{ message: incomplete('`certificateChain.certificateName`, `hashAlgorithm` or `signatureAlgorithm`'), ...rangeOf(yaml, 'customCodeSigning') }],
    },
  ],
});
