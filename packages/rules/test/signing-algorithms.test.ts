import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/signing-algorithms.js';
import { json, withFile } from './support/json.js';
import { rangeOf } from './support/position.js';

const unknown = (member: string, value: string, allowed: string, didYouMean = '') =>
  `\`${member}\` "${value}" is not one FreeRTOS OTA agents verify; they know ${allowed} (the device looks up a key such as \`sig-sha256-ecdsa\`).${didYouMean}`;
const HASHES = '"SHA256" or "SHA1"';
const SIGNATURES = '"ECDSA" or "RSA"';
const algorithms = (hashAlgorithm: unknown, signatureAlgorithm: unknown) =>
  withFile({ codeSigning: { customCodeSigning: { hashAlgorithm, signatureAlgorithm } } });

const dashed = json(algorithms('SHA-256', 'ECDSA'));
const both = json(algorithms('SHA384', 'EdDSA'));
const lower = json(algorithms('sha256', 'rsa'));
const yaml = 'files:\n  - codeSigning:\n      customCodeSigning: {hashAlgorithm: SHA256, signatureAlgorithm: RSA-PSS}\n';

testRule(rule, {
  valid: [
    { name: 'SHA256 / ECDSA', request: algorithms('SHA256', 'ECDSA') },
    { name: 'SHA1 / RSA (TI CC3220SF)', request: algorithms('SHA1', 'RSA') },
    { name: 'SHA256 / RSA', request: algorithms('SHA256', 'RSA') },
    { name: 'absent (custom-signing-complete reports it)', request: withFile({ codeSigning: { customCodeSigning: {} } }) },
    { name: "wrong types are the model check's", request: algorithms(256, null) },
  ],
  invalid: [
    {
      name: 'SHA-256 with a hyphen',
      code: dashed,
      errors: [
        {
          message: unknown('hashAlgorithm', 'SHA-256', HASHES, ' Did you mean "SHA256"?'),
          ...rangeOf(dashed, '"SHA-256"'),
          path: '/files/0/codeSigning/customCodeSigning/hashAlgorithm',
          suggestions: ['Use "SHA256".'],
        },
      ],
    },
    {
      name: 'both unknown, and EdDSA is not a spelling of ECDSA',
      code: both,
      errors: [
        { message: unknown('hashAlgorithm', 'SHA384', HASHES), ...rangeOf(both, '"SHA384"'), suggestions: [] },
        { message: unknown('signatureAlgorithm', 'EdDSA', SIGNATURES), ...rangeOf(both, '"EdDSA"'), suggestions: [] },
      ],
    },
    {
      name: 'lower case',
      code: lower,
      errors: [
        { message: unknown('hashAlgorithm', 'sha256', HASHES, ' Did you mean "SHA256"?'), ...rangeOf(lower, '"sha256"'), suggestions: ['Use "SHA256".'] },
        { message: unknown('signatureAlgorithm', 'rsa', SIGNATURES, ' Did you mean "RSA"?'), ...rangeOf(lower, '"rsa"'), suggestions: ['Use "RSA".'] },
      ],
    },
    { name: 'YAML, RSA-PSS', code: yaml, errors: [{ message: unknown('signatureAlgorithm', 'RSA-PSS', SIGNATURES), ...rangeOf(yaml, 'RSA-PSS') }] },
  ],
});
