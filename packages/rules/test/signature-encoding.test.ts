import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/signature-encoding.js';
import { json, withFile } from './support/json.js';
import { material } from './support/material.js';
import { rangeOf, rangeOfValue } from './support/position.js';

const WHAT = 'it must hold the base64 of the raw signature bytes (e.g. `openssl dgst -sha256 -sign key.pem firmware.bin | base64 -w0`)';
const signed = (inlineDocument: unknown) => withFile({ codeSigning: { customCodeSigning: { signature: { inlineDocument } } } });
const PATH = '/files/0/codeSigning/customCodeSigning/signature/inlineDocument';

const cases = {
  empty: json(signed('')),
  blank: json(signed('  \n ')),
  certificate: json(signed(material.ecCertificate)),
  privateKey: json(signed(material.ecPrivateKey)),
  urlSafe: json(signed('MEUCIQ-_')),
  star: json(signed('MEUC*Q==')),
  cutOff: json(signed('MEUCI')),
  pemInBase64: json(signed(Buffer.from(material.ecCertificate).toString('base64'))),
  twice: json(signed(Buffer.from(material.ecdsaSignature).toString('base64'))),
};
const yaml = `files:\n  - codeSigning:\n      customCodeSigning:\n        signature:\n          inlineDocument: "MEUC!Q=="\n`;

testRule(rule, {
  valid: [
    { name: 'a real ECDSA signature', request: signed(material.ecdsaSignature) },
    { name: 'a real RSA-2048 signature', request: signed(material.rsa2048Signature) },
    { name: 'base64 wrapped over lines, as `openssl base64` writes it', request: signed(material.rsa2048Signature.replace(/.{64}/g, '$&\n')) },
    { name: 'one padding character', request: signed('MEUCIQ8=') },
    { name: 'no signature', request: withFile({ codeSigning: { customCodeSigning: {} } }) },
    { name: "a wrong type is the model check's", request: signed(12) },
  ],
  invalid: [
    { name: 'empty', code: cases.empty, errors: [{ message: `\`signature.inlineDocument\` is empty; ${WHAT}.`, ...rangeOf(cases.empty, '""'), path: PATH }] },
    {
      name: 'only whitespace',
      code: cases.blank,
      errors: [{ message: `\`signature.inlineDocument\` is empty; ${WHAT}.`, ...rangeOfValue(cases.blank, 'inlineDocument') }],
    },
    {
      name: 'a certificate where the signature goes',
      code: cases.certificate,
      errors: [
        {
          message: `\`signature.inlineDocument\` holds PEM text ("-----BEGIN CERTIFICATE-----"), a certificate: it belongs in \`certificateChain.inlineDocument\`; ${WHAT}.`,
          ...rangeOfValue(cases.certificate, 'inlineDocument'),
        },
      ],
    },
    {
      name: 'a private key',
      code: cases.privateKey,
      errors: [
        {
          message: `\`signature.inlineDocument\` holds PEM text ("-----BEGIN EC PRIVATE KEY-----"); ${WHAT}.`,
          ...rangeOfValue(cases.privateKey, 'inlineDocument'),
        },
      ],
    },
    {
      name: 'URL-safe base64',
      code: cases.urlSafe,
      errors: [
        {
          message: `\`signature.inlineDocument\` is not base64: "-" at position 7 is outside the base64 alphabet (A-Z a-z 0-9 + /) (this is URL-safe base64: use "+" and "/" instead of "-" and "_"); ${WHAT}.`,
          ...rangeOf(cases.urlSafe, '"MEUCIQ-_"'),
        },
      ],
    },
    {
      name: 'a stray character',
      code: cases.star,
      errors: [
        {
          message: `\`signature.inlineDocument\` is not base64: "*" at position 5 is outside the base64 alphabet (A-Z a-z 0-9 + /); ${WHAT}.`,
          ...rangeOf(cases.star, '"MEUC*Q=="'),
        },
      ],
    },
    {
      name: 'cut off',
      code: cases.cutOff,
      errors: [
        {
          message: `\`signature.inlineDocument\` is not base64: its 5 characters are not a whole number of 4-character groups (check for a cut-off value or missing "=" padding); ${WHAT}.`,
          ...rangeOf(cases.cutOff, '"MEUCI"'),
        },
      ],
    },
    {
      name: 'base64 of a PEM file',
      code: cases.pemInBase64,
      errors: [
        {
          message: `\`signature.inlineDocument\` is base64 of PEM text ("-----BEGIN CERTIFICATE-----"), not of a signature; ${WHAT}.`,
          ...rangeOfValue(cases.pemInBase64, 'inlineDocument'),
        },
      ],
    },
    {
      name: 'encoded twice',
      code: cases.twice,
      errors: [
        {
          message: '`signature.inlineDocument` is base64 encoded twice (it decodes to more base64 text); encode the raw signature bytes once.',
          ...rangeOfValue(cases.twice, 'inlineDocument'),
        },
      ],
    },
    {
      name: 'YAML',
      code: yaml,
      errors: [
        {
          message: `\`signature.inlineDocument\` is not base64: "!" at position 5 is outside the base64 alphabet (A-Z a-z 0-9 + /); ${WHAT}.`,
          ...rangeOf(yaml, '"MEUC!Q=="'),
        },
      ],
    },
  ],
});
