import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/signing-algorithms.js';
import { json, withFile } from './support/json.js';
import { rangeOf } from './support/position.js';

const unknown = (member: string, value: string, key: string, allowed: string, didYouMean = '') =>
  `\`${member}\` "${value}" puts the signature under \`${key}\` in the job document, a key FreeRTOS OTA agents never look up (they know ${allowed}, in any letter case, as in \`sig-sha256-ecdsa\`): the device finds no signature and rejects the image.${didYouMean}`;
const HASHES = '"SHA256" or "SHA1"';
const SIGNATURES = '"ECDSA" or "RSA"';
const algorithms = (hashAlgorithm: unknown, signatureAlgorithm: unknown) =>
  withFile({ codeSigning: { customCodeSigning: { hashAlgorithm, signatureAlgorithm } } });

const dashed = json(algorithms('SHA-256', 'ECDSA'));
const both = json(algorithms('SHA384', 'EdDSA'));
const md5 = json(algorithms('MD5', 'RSA'));
const onlyHash = json(withFile({ codeSigning: { customCodeSigning: { hashAlgorithm: 'SHA_1' } } }));
const yaml = 'files:\n  - codeSigning:\n      customCodeSigning: {hashAlgorithm: SHA256, signatureAlgorithm: RSA-PSS}\n';

testRule(rule, {
  valid: [
    { name: 'SHA256 / ECDSA', request: algorithms('SHA256', 'ECDSA') },
    { name: 'SHA1 / RSA (TI CC3220SF)', request: algorithms('SHA1', 'RSA') },
    { name: 'SHA256 / RSA', request: algorithms('SHA256', 'RSA') },
    { name: 'lower case makes the same key (public integration tests use it)', request: algorithms('sha256', 'ecdsa') },
    { name: 'mixed case', request: algorithms('Sha1', 'Rsa') },
    { name: 'absent (custom-signing-complete reports it)', request: withFile({ codeSigning: { customCodeSigning: {} } }) },
    { name: "wrong types are the model check's", request: algorithms(256, null) },
  ],
  invalid: [
    {
      name: 'SHA-256 with a hyphen makes sig-sha-256-ecdsa',
      code: dashed,
      errors: [
        {
          message: unknown('hashAlgorithm', 'SHA-256', 'sig-sha-256-ecdsa', HASHES, ' Did you mean "SHA256"?'),
          ...rangeOf(dashed, '"SHA-256"'),
          path: '/files/0/codeSigning/customCodeSigning/hashAlgorithm',
          suggestions: [{ message: 'Use "SHA256".', output: json(algorithms('SHA256', 'ECDSA')) }],
        },
      ],
    },
    {
      name: 'both unknown, and EdDSA is not a spelling of ECDSA',
      code: both,
      errors: [
        { message: unknown('hashAlgorithm', 'SHA384', 'sig-sha384-eddsa', HASHES), ...rangeOf(both, '"SHA384"'), suggestions: [] },
        { message: unknown('signatureAlgorithm', 'EdDSA', 'sig-sha384-eddsa', SIGNATURES), ...rangeOf(both, '"EdDSA"'), suggestions: [] },
      ],
    },
    { name: 'MD5', code: md5, errors: [{ message: unknown('hashAlgorithm', 'MD5', 'sig-md5-rsa', HASHES), ...rangeOf(md5, '"MD5"') }] },
    {
      name: 'the other member missing',
      code: onlyHash,
      errors: [
        {
          message: unknown('hashAlgorithm', 'SHA_1', 'sig-sha_1-<signatureAlgorithm>', HASHES, ' Did you mean "SHA1"?'),
          ...rangeOf(onlyHash, '"SHA_1"'),
          suggestions: [{ message: 'Use "SHA1".', output: json(withFile({ codeSigning: { customCodeSigning: { hashAlgorithm: 'SHA1' } } })) }],
        },
      ],
    },
    {
      name: 'YAML, RSA-PSS',
      code: yaml,
      errors: [{ message: unknown('signatureAlgorithm', 'RSA-PSS', 'sig-sha256-rsa-pss', SIGNATURES), ...rangeOf(yaml, 'RSA-PSS') }],
    },
  ],
});
