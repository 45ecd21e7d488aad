import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/hash-algorithm-spelling.js';
import { json, withFile } from './support/json.js';
import { rangeOf } from './support/position.js';

const separated = (value: string, key: string, expected: string, fixed: string) =>
  `\`hashAlgorithm\` "${value}" puts the signature under \`${key}\` in the job document, but devices look for \`${expected}\`: they find no signature and fail the check (the service accepts either spelling). Write "${fixed}".`;
const custom = (hashAlgorithm: unknown, signatureAlgorithm?: unknown) =>
  withFile({ codeSigning: { customCodeSigning: { hashAlgorithm, ...(signatureAlgorithm === undefined ? {} : { signatureAlgorithm }) } } });

const console = json(custom('SHA-256', 'ECDSA'));
const sha1 = json(custom('sha-1', 'RSA'));
const noAlgorithm = json(custom('SHA_256'));
const yaml =
  'files:\n  - codeSigning:\n      customCodeSigning:\n        hashAlgorithm: SHA-256 # as the console spells it\n        signatureAlgorithm: ECDSA\n';

testRule(rule, {
  valid: [
    { name: 'SHA256', request: custom('SHA256', 'ECDSA') },
    { name: 'lower case is the same key', request: custom('sha256', 'ecdsa') },
    { name: "not a hash devices know: signing-algorithms' to report", request: custom('SHA-384', 'ECDSA') },
    { name: 'MD5', request: custom('MD5', 'RSA') },
    { name: 'not a string', request: custom(256, 'ECDSA') },
    { name: 'a signing job', request: withFile({ codeSigning: { startSigningJobParameter: { signingProfileName: 'ota' } } }) },
  ],
  invalid: [
    {
      name: "SHA-256, the console's spelling (boto/boto3#3121)",
      code: console,
      errors: [
        {
          message: separated('SHA-256', 'sig-sha-256-ecdsa', 'sig-sha256-ecdsa', 'SHA256'),
          ...rangeOf(console, '"SHA-256"'),
          path: '/files/0/codeSigning/customCodeSigning/hashAlgorithm',
        },
      ],
      output: console.replace('"SHA-256"', '"SHA256"'),
    },
    {
      name: 'sha-1 in lower case',
      code: sha1,
      errors: [{ message: separated('sha-1', 'sig-sha-1-rsa', 'sig-sha1-rsa', 'SHA1'), ...rangeOf(sha1, '"sha-1"') }],
      output: sha1.replace('"sha-1"', '"SHA1"'),
    },
    {
      name: 'no signatureAlgorithm yet',
      code: noAlgorithm,
      errors: [
        {
          message: separated('SHA_256', 'sig-sha_256-<signatureAlgorithm>', 'sig-sha256-<signatureAlgorithm>', 'SHA256'),
          ...rangeOf(noAlgorithm, '"SHA_256"'),
        },
      ],
      output: noAlgorithm.replace('"SHA_256"', '"SHA256"'),
    },
    {
      name: 'YAML keeps the comment',
      code: yaml,
      errors: [{ message: separated('SHA-256', 'sig-sha-256-ecdsa', 'sig-sha256-ecdsa', 'SHA256'), ...rangeOf(yaml, 'SHA-256') }],
      output: yaml.replace('SHA-256 #', 'SHA256 #'),
    },
  ],
});
