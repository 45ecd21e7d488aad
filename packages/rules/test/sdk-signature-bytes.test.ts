import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/sdk-signature-bytes.js';
import { withFile } from './support/json.js';
import { material } from './support/material.js';
import { rangeOf } from './support/position.js';

const SIGNATURE = material.ecdsaSignature;
const PREVIEW = `${SIGNATURE.slice(0, 12)}...`;
const JS_CALL = "`Buffer.from(signature, 'base64')`";
const message = (call: string) =>
  `\`signature.inlineDocument\` is given as base64 text ("${PREVIEW}"); the SDK takes bytes and base64-encodes them, so this signature reaches the device encoded twice and fails verification. Pass the decoded bytes: ${call}.`;

/** A v3 call whose signature is written as `inlineDocument`. */
const v3 = (inlineDocument: string, prelude = '') => `import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';
${prelude}
export const command = new CreateOTAUpdateCommand({
  otaUpdateId: 'fw-1',
  files: [{ codeSigning: { customCodeSigning: { signature: { inlineDocument: ${inlineDocument} } } } }],
});
`;

/** A boto3 call whose signature is written as `inlineDocument`. */
const boto3 = (inlineDocument: string, imports = 'import base64\n') => `${imports}import boto3
boto3.client("iot").create_ota_update(
    otaUpdateId="fw-1",
    files=[{"codeSigning": {"customCodeSigning": {"signature": {"inlineDocument": ${inlineDocument}}}}}],
)
`;
const PY_CALL = '`base64.b64decode(signature)`';
const decode = (output: string, call: string) => ({ message: `Pass the decoded bytes: ${call}.`, output });

const literal = v3(`'${SIGNATURE}'`);
const pyLiteral = boto3(`"${SIGNATURE}"`);
const pyNoImport = boto3(`'${SIGNATURE}'`, '');
const constant = v3('SIGNATURE', `const SIGNATURE = "${SIGNATURE}";`);
const template = v3(`\`${SIGNATURE}\``);

testRule(rule, {
  valid: [
    { name: 'Buffer.from(base64 literal, "base64")', code: v3(`Buffer.from('${SIGNATURE}', 'base64')`), format: 'javascript' },
    { name: 'Buffer.from(constant, "base64")', code: v3("Buffer.from(SIGNATURE, 'base64')", `const SIGNATURE = '${SIGNATURE}';`), format: 'javascript' },
    { name: 'bytes read at run time', code: v3("readFileSync('firmware.sig')", "import { readFileSync } from 'node:fs';"), format: 'javascript' },
    { name: 'a string known only at run time', code: v3('process.env.SIGNATURE!'), format: 'javascript' },
    { name: 'text that is not base64 is signature-encoding’s', code: v3("'-----BEGIN CERTIFICATE-----'"), format: 'javascript' },
    { name: 'Python: base64.b64decode(literal)', code: boto3(`base64.b64decode("${SIGNATURE}")`), format: 'python' },
    { name: 'Python: a bytes literal', code: boto3(String.raw`b"\x30\x45\x02\x21"`), format: 'python' },
    { name: 'Python: a name is unknown', code: boto3('signature'), format: 'python' },
    {
      name: 'a request file holds base64 text, as it should',
      request: withFile({ codeSigning: { customCodeSigning: { signature: { inlineDocument: SIGNATURE } } } }),
    },
    {
      name: 'a YAML request file with a !!binary blob',
      code: `files:\n  - codeSigning:\n      customCodeSigning:\n        signature:\n          inlineDocument: !!binary ${SIGNATURE}\n`,
      format: 'yaml',
    },
  ],
  invalid: [
    {
      name: 'a base64 string literal',
      code: literal,
      format: 'javascript',
      errors: [
        { message: message(JS_CALL), ...rangeOf(literal, `'${SIGNATURE}'`), suggestions: [decode(v3(`Buffer.from('${SIGNATURE}', 'base64')`), JS_CALL)] },
      ],
    },
    {
      name: 'a constant bound to a base64 literal: reported where the text is written',
      code: constant,
      format: 'javascript',
      errors: [
        {
          message: message(JS_CALL),
          ...rangeOf(constant, `"${SIGNATURE}"`),
          path: '/files/0/codeSigning/customCodeSigning/signature/inlineDocument',
          suggestions: [decode(v3('SIGNATURE', `const SIGNATURE = Buffer.from("${SIGNATURE}", 'base64');`), JS_CALL)],
        },
      ],
    },
    {
      name: 'a template literal without expressions',
      code: template,
      format: 'javascript',
      errors: [
        { message: message(JS_CALL), ...rangeOf(template, `\`${SIGNATURE}\``), suggestions: [decode(v3(`Buffer.from('${SIGNATURE}', 'base64')`), JS_CALL)] },
      ],
    },
    {
      name: 'Python: a base64 str literal',
      code: pyLiteral,
      format: 'python',
      errors: [
        { message: message(PY_CALL), ...rangeOf(pyLiteral, `"${SIGNATURE}"`), suggestions: [decode(boto3(`base64.b64decode("${SIGNATURE}")`), PY_CALL)] },
      ],
    },
    {
      name: 'Python without `import base64`: reported, with no suggestion to write',
      code: pyNoImport,
      format: 'python',
      errors: [{ message: message(PY_CALL), ...rangeOf(pyNoImport, `'${SIGNATURE}'`), suggestions: [] }],
    },
  ],
});
