import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/cli-binary-format.js';
import { GROUP, ROLE, command } from './support/command-line.js';
import { rangeOf } from './support/position.js';

const SIGNED = `'[{"fileName": "fw.bin", "fileLocation": {"stream": {"streamId": "fw", "fileId": 0}}, "codeSigning": {"customCodeSigning": {"signature": {"inlineDocument": "MEUCIQCx3jfq"}, "certificateChain": {"certificateName": "/certs/ota.crt"}, "hashAlgorithm": "SHA256", "signatureAlgorithm": "ECDSA"}}}]'`;
const signed = (options: string) =>
  `#!/bin/bash\naws iot create-ota-update ${options} --ota-update-id fw-1 --targets ${GROUP} --files ${SIGNED} --role-arn ${ROLE}\n`;

const raw = signed('--cli-binary-format raw-in-base64-out');
const rawEquals = signed('--cli-binary-format=raw-in-base64-out');
const MESSAGE =
  '`--cli-binary-format raw-in-base64-out` makes the AWS CLI take `files[0].codeSigning.customCodeSigning.signature.inlineDocument` as raw bytes and base64-encode them, so the base64 signature written there reaches the device encoded twice and fails verification. Remove `--cli-binary-format raw-in-base64-out`: AWS CLI v2 reads blobs as base64 by default.';
const PATH = '/files/0/codeSigning/customCodeSigning/signature/inlineDocument';

testRule(rule, {
  valid: [
    { name: 'a signature, read as base64 (the default)', code: signed(''), format: 'shell' },
    { name: 'the base64 format named', code: signed('--cli-binary-format base64'), format: 'shell' },
    { name: 'raw-in-base64-out, and no inline signature', code: command('--cli-binary-format raw-in-base64-out'), format: 'shell' },
    { name: 'a format known only at run time', code: signed('--cli-binary-format "$FORMAT"'), format: 'shell' },
    {
      name: 'a signature known only at run time',
      code: signed('--cli-binary-format raw-in-base64-out').replace('"MEUCIQCx3jfq"', `"'"$SIGNATURE"'"`),
      format: 'shell',
    },
  ],
  invalid: [
    {
      name: 'raw-in-base64-out and an inline signature',
      code: raw,
      format: 'shell',
      errors: [{ message: MESSAGE, ...rangeOf(raw, 'raw-in-base64-out'), path: PATH }],
    },
    {
      name: 'written --cli-binary-format=raw-in-base64-out',
      code: rawEquals,
      format: 'shell',
      errors: [{ message: MESSAGE, ...rangeOf(rawEquals, 'raw-in-base64-out'), path: PATH }],
    },
  ],
});
