import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/signature-size.js';
import { json, withFile } from './support/json.js';
import { material } from './support/material.js';
import { rangeOfValue } from './support/position.js';

const notEcdsa = (size: number, algorithm: string, hint: string) =>
  `The signature decodes to ${size} bytes, which is not a DER ECDSA P-256 signature (about 70-72 bytes, at most 72) as \`signatureAlgorithm\` "${algorithm}" says${hint}. Fix the signature or \`signatureAlgorithm\`.`;
const notRsa = (size: number, algorithm: string, hint: string) =>
  `The signature decodes to ${size} bytes, which is not an RSA signature as \`signatureAlgorithm\` "${algorithm}" says (as long as the key: 256 bytes for RSA-2048, 384 for RSA-3072)${hint}. Fix the signature or \`signatureAlgorithm\`.`;
const tooLarge = (size: number, kind: string, max = 384, limitFrom = 'device profile "freertos"') =>
  `The signature decodes to ${size} bytes${kind}; the devices hold at most ${max} (${limitFrom}; FreeRTOS OTA agents hold 256, or 384 from ota-for-aws-iot-embedded-sdk v3.4) and reject the job document. Sign with a smaller key, such as ${max >= 256 ? 'ECDSA P-256 or RSA-2048' : 'ECDSA P-256'}.`;

const signed = (inlineDocument: string, signatureAlgorithm?: string) =>
  withFile({
    codeSigning: { customCodeSigning: { signature: { inlineDocument }, hashAlgorithm: 'SHA256', ...(signatureAlgorithm ? { signatureAlgorithm } : {}) } },
  });
const b64 = (bytes: number[] | Buffer) => Buffer.from(bytes).toString('base64');
const rsa3072Size = b64(Buffer.alloc(384, 7));
/** A DER ECDSA-Sig-Value with r and s of the given lengths (a P-384 signature has 48-49 byte integers). */
const derSignature = (integerLength: number) => {
  const integer = [0x02, integerLength, ...new Array<number>(integerLength).fill(0x11)];
  return [0x30, integer.length * 2, ...integer, ...integer];
};

const cases = {
  rsaAsEcdsa: json(signed(material.rsa2048Signature, 'ECDSA')),
  ecdsaAsRsa: json(signed(material.ecdsaSignature, 'RSA')),
  p384: json(signed(b64(derSignature(49)), 'ECDSA')),
  raw: json(signed(b64(Buffer.alloc(64, 7)), 'ECDSA')),
  oddRsa: json(signed(b64(Buffer.alloc(200, 7)), 'RSA')),
  rsa4096: json(signed(material.rsa4096Signature, 'RSA')),
  unknownAlgorithm: json(signed(material.rsa4096Signature)),
  lowerCase: json(signed(material.rsa2048Signature, 'ecdsa')),
  rsa2048: json(signed(material.rsa2048Signature, 'RSA')),
};
const at = (code: string) => rangeOfValue(code, 'inlineDocument');
const yaml = `files:\n  - codeSigning:\n      customCodeSigning:\n        signature: {inlineDocument: ${material.ecdsaSignature}}\n        signatureAlgorithm: RSA\n`;

testRule(rule, {
  valid: [
    { name: 'real ECDSA P-256 signature (70 bytes)', request: signed(material.ecdsaSignature, 'ECDSA') },
    { name: 'DER ECDSA at the P-256 maximum (72 bytes)', request: signed(b64(derSignature(33)), 'ECDSA') },
    { name: 'real RSA-2048 signature (256 bytes)', request: signed(material.rsa2048Signature, 'RSA') },
    { name: 'RSA-3072 size, the FreeRTOS maximum (384 bytes)', request: signed(rsa3072Size, 'RSA') },
    { name: 'RSA-3072 on ota-for-aws-iot-embedded-sdk v3.4', request: signed(rsa3072Size, 'RSA'), device: 'freertos-ota-v3.4' },
    { name: 'RSA-4096 on the generic profile (no limit)', request: signed(material.rsa4096Signature, 'RSA'), device: 'generic' },
    { name: 'RSA-2048 on the amazon-freertos agent (256)', request: signed(material.rsa2048Signature, 'RSA'), device: 'freertos-ota-v1' },
    { name: 'RSA-4096 with a raised limit', request: signed(material.rsa4096Signature, 'RSA'), options: { maxBytes: 512 } },
    { name: 'no algorithm: only the limit applies', request: signed(material.rsa2048Signature) },
    { name: "not base64 is signature-encoding's", request: signed('MEUC*Q==', 'ECDSA') },
    { name: "PEM is signature-encoding's", request: signed(material.ecCertificate, 'ECDSA') },
  ],
  invalid: [
    {
      name: 'RSA-2048 signature, ECDSA declared',
      code: cases.rsaAsEcdsa,
      errors: [
        {
          message: notEcdsa(256, 'ECDSA', ': it is the size of an RSA-2048 signature'),
          ...at(cases.rsaAsEcdsa),
          path: '/files/0/codeSigning/customCodeSigning/signature/inlineDocument',
        },
      ],
    },
    {
      name: 'ECDSA signature, RSA declared',
      code: cases.ecdsaAsRsa,
      errors: [{ message: notRsa(70, 'RSA', ': it is a DER ECDSA signature'), ...at(cases.ecdsaAsRsa) }],
    },
    {
      name: 'DER ECDSA over a larger curve (P-384)',
      code: cases.p384,
      errors: [{ message: notEcdsa(104, 'ECDSA', ': it is a DER ECDSA signature over a larger curve than P-256'), ...at(cases.p384) }],
    },
    {
      name: 'raw r||s',
      code: cases.raw,
      errors: [{ message: notEcdsa(64, 'ECDSA', ': 64 bytes is a raw r||s pair, and devices expect DER'), ...at(cases.raw) }],
    },
    { name: 'RSA of no key size', code: cases.oddRsa, errors: [{ message: notRsa(200, 'RSA', ''), ...at(cases.oddRsa) }] },
    { name: 'RSA-4096 over the FreeRTOS limit', code: cases.rsa4096, errors: [{ message: tooLarge(512, ' (an RSA-4096 signature)'), ...at(cases.rsa4096) }] },
    { name: 'over the limit, no algorithm', code: cases.unknownAlgorithm, errors: [{ message: tooLarge(512, ''), ...at(cases.unknownAlgorithm) }] },
    {
      name: 'a lowered limit',
      code: cases.rsa2048,
      options: { maxBytes: 128 },
      errors: [{ message: tooLarge(256, ' (an RSA-2048 signature)', 128, 'option `maxBytes`'), ...at(cases.rsa2048) }],
    },
    {
      name: 'RSA-3072 on ota-for-aws-iot-embedded-sdk up to v3.3 (256)',
      code: json(signed(rsa3072Size, 'RSA')),
      device: 'freertos-ota-v3',
      errors: [{ message: tooLarge(384, ' (an RSA-3072 signature)', 256, 'device profile "freertos-ota-v3"'), ...at(json(signed(rsa3072Size, 'RSA'))) }],
    },
    {
      name: 'the option wins over the profile',
      code: cases.rsa2048,
      options: { maxBytes: 200 },
      device: 'generic',
      errors: [{ message: tooLarge(256, ' (an RSA-2048 signature)', 200, 'option `maxBytes`'), ...at(cases.rsa2048) }],
    },
    {
      name: 'lower-case algorithm name',
      code: cases.lowerCase,
      errors: [{ message: notEcdsa(256, 'ecdsa', ': it is the size of an RSA-2048 signature'), ...at(cases.lowerCase) }],
    },
    {
      name: 'YAML',
      code: yaml,
      errors: [
        { message: notRsa(70, 'RSA', ': it is a DER ECDSA signature'), line: 4, column: 37, endLine: 4, endColumn: 37 + material.ecdsaSignature.length },
      ],
    },
  ],
});
