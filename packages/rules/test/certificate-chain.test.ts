import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/certificate-chain.js';
import { json, withFile } from './support/json.js';
import { material, materialPath } from './support/material.js';
import { rangeOf, rangeOfValue } from './support/position.js';

const FIX_UNREADABLE = 'Give the PEM text of the code-signing certificate (`-----BEGIN CERTIFICATE-----` ...).';
const unreadable = (reason: string) => `\`certificateChain.inlineDocument\` is not an X.509 certificate chain: ${reason}. ${FIX_UNREADABLE}`;
const mismatch = (name: string, keyType: string, algorithm: string) =>
  `The certificate "${name}" holds an ${keyType} key, but \`signatureAlgorithm\` is "${algorithm}"; the device verifies with this key and rejects the image. Use the certificate of the key that signed the file, or fix \`signatureAlgorithm\`.`;
const EXPIRED =
  'The certificate "otalint test ECDSA P-256 expired" expired on 2021-01-01; devices that check validity reject the image. Renew it (sign with a current certificate).';

const byName = withFile({ codeSigning: { customCodeSigning: { certificateChain: { certificateName: '/certs/signer.crt' }, signatureAlgorithm: 'ECDSA' } } });
const onDisk = (certificate: string) => ({ certificates: { '/certs/signer.crt': materialPath(certificate) } });
const withChain = (inlineDocument: string, signatureAlgorithm = 'ECDSA') =>
  withFile({ codeSigning: { customCodeSigning: { certificateChain: { certificateName: '/certs/signer.crt', inlineDocument }, signatureAlgorithm } } });
const der = (pem: string) => Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
const PATH = '/files/0/codeSigning/customCodeSigning/certificateChain/inlineDocument';

const cases = {
  rsaForEcdsa: json(withChain(material.rsaCertificate, 'ECDSA')),
  ecForRsa: json(withChain(material.ecCertificate, 'RSA')),
  expired: json(withChain(material.expiredEcCertificate)),
  expiredInChain: json(withChain(material.ecCertificate + material.expiredEcCertificate)),
  privateKey: json(withChain(material.ecPrivateKey)),
  truncated: json(withChain(material.ecCertificate.slice(0, 200))),
  garbledPem: json(withChain(material.ecCertificate.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA'))),
  notCertificate: json(withChain('signer.crt')),
  randomBase64: json(withChain('AAAAAAAA')),
  empty: json(withChain('')),
  expiredOnDisk: json(byName),
};
const at = (code: string) => rangeOfValue(code, 'inlineDocument');
const NOT_DER = 'the certificate does not parse as X.509 (its bytes are not a DER-encoded certificate)';

const yaml = `files:\n  - codeSigning:\n      customCodeSigning:\n        signatureAlgorithm: RSA\n        certificateChain:\n          inlineDocument: |\n${material.ecCertificate.trimEnd().replace(/^/gm, '            ')}\n`;

testRule(rule, {
  valid: [
    { name: 'ECDSA certificate, ECDSA signature', request: withChain(material.ecCertificate, 'ECDSA') },
    { name: 'RSA certificate, RSA signature', request: withChain(material.rsaCertificate, 'RSA') },
    { name: 'base64 of the DER certificate', request: withChain(der(material.ecCertificate).toString('base64')) },
    { name: 'base64 of the PEM file (the model calls it base64-encoded)', request: withChain(Buffer.from(material.rsaCertificate).toString('base64'), 'RSA') },
    { name: 'a chain of two valid certificates', request: withChain(material.ecCertificate + material.rsaCertificate) },
    {
      name: 'no algorithm: only parsing and dates are checked',
      request: withFile({ codeSigning: { customCodeSigning: { certificateChain: { inlineDocument: material.rsaCertificate } } } }),
    },
    {
      name: 'only a certificate name (the usual FreeRTOS form)',
      request: withFile({ codeSigning: { customCodeSigning: { certificateChain: { certificateName: '/certs/signer.crt' } } } }),
    },
    { name: 'a certificate on disk (config `certificates`) that is valid today', request: byName, localFiles: onDisk('ec-p256.crt') },
    { name: 'a certificate name config does not map', request: byName, localFiles: { certificates: {} } },
  ],
  invalid: [
    {
      name: 'a certificate on disk that expired: a warning, since only some devices check the dates',
      code: cases.expiredOnDisk,
      localFiles: onDisk('ec-p256-expired.crt'),
      errors: [
        {
          message:
            'The certificate "otalint test ECDSA P-256 expired" (fixtures/material/ec-p256-expired.crt, config `certificates`) expired on 2021-01-01; devices that check validity reject the image. Renew it (sign with a current certificate).',
          ...rangeOf(cases.expiredOnDisk, '"/certs/signer.crt"'),
          path: '/files/0/codeSigning/customCodeSigning/certificateChain/certificateName',
        },
      ],
    },
    {
      name: 'RSA certificate, ECDSA signature',
      code: cases.rsaForEcdsa,
      errors: [{ message: mismatch('otalint test RSA-2048', 'RSA', 'ECDSA'), ...at(cases.rsaForEcdsa), path: PATH }],
    },
    {
      name: 'EC certificate, RSA signature',
      code: cases.ecForRsa,
      errors: [{ message: mismatch('otalint test ECDSA P-256', 'ECDSA', 'RSA'), ...at(cases.ecForRsa) }],
    },
    { name: 'expired', code: cases.expired, errors: [{ message: EXPIRED, ...at(cases.expired) }] },
    { name: 'an expired certificate further down the chain', code: cases.expiredInChain, errors: [{ message: EXPIRED, ...at(cases.expiredInChain) }] },
    {
      name: 'a private key',
      code: cases.privateKey,
      errors: [{ message: unreadable('it holds a PEM "EC PRIVATE KEY" block, not a CERTIFICATE'), ...at(cases.privateKey) }],
    },
    {
      name: 'cut off before its END line',
      code: cases.truncated,
      errors: [{ message: unreadable('its PEM block has no "-----END CERTIFICATE-----" line'), ...at(cases.truncated) }],
    },
    {
      name: 'garbled PEM body',
      code: cases.garbledPem,
      errors: [{ message: unreadable(NOT_DER), ...at(cases.garbledPem) }],
    },
    {
      name: 'a file name where the text goes',
      code: cases.notCertificate,
      errors: [{ message: unreadable('it is neither PEM text nor base64'), ...at(cases.notCertificate) }],
    },
    { name: 'empty', code: cases.empty, errors: [{ message: unreadable('it is empty'), ...at(cases.empty) }] },
    { name: 'base64 of something else', code: cases.randomBase64, errors: [{ message: unreadable(NOT_DER), ...at(cases.randomBase64) }] },
    {
      name: 'YAML block scalar',
      code: yaml,
      errors: [
        {
          message: mismatch('otalint test ECDSA P-256', 'ECDSA', 'RSA'),
          line: 6,
          column: 27,
          endLine: 7 + material.ecCertificate.trimEnd().split('\n').length,
          endColumn: 1,
        },
      ],
    },
  ],
});
