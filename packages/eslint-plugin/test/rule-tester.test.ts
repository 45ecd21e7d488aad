// typescript-eslint's RuleTester, on uvu: each case is one uvu test.
import { RuleTester } from '@typescript-eslint/rule-tester';
import { suite } from 'uvu';
import plugin from '../src/index.js';

const test = suite('eslint-plugin-otalint: RuleTester');
RuleTester.afterAll = () => {};
RuleTester.describe = (_name, body) => body();
RuleTester.describeSkip = (_name, body) => body();
RuleTester.it = (name, body) => test(name, body);
RuleTester.itOnly = (name, body) => test.only(name, body);
RuleTester.itSkip = (name, body) => test.skip(name, body);

const tester = new RuleTester();
/** A plugin rule, typed for the tester (whose typescript-eslint release may trail the plugin's by a minor). */
const rule = (id: string) => {
  const found = plugin.rules[id];
  if (!found) throw new Error(`no rule ${id}`);
  return found as unknown as Parameters<RuleTester['run']>[1];
};
/** ESLint's 1-based position of a snippet in a case's code (found by text search, not by the engine). */
const at = (code: string, snippet: string) => {
  const offset = code.indexOf(snippet);
  if (offset === -1) throw new Error(`${snippet} is not in the case`);
  const position = (index: number) => {
    const before = code.slice(0, index).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
  const start = position(offset);
  const end = position(offset + snippet.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
};
const SDK = "import { CreateOTAUpdateCommand, GetOTAUpdateCommand } from '@aws-sdk/client-iot';\n";
const SIGNATURE = 'MEUCIQCx3jfqdjyOVEbyRbGL4OoGygsF5wFYw6JpJafdPzd6WgIgAhmbbdpqMr6WsdcUSXaUJcs8XNimbTNiHDxVONdE6KU=';

const constantRole = `${SDK}const ROLE = 'arn:aws:iam:123456789012:role/ota';\nnew CreateOTAUpdateCommand({ roleArn: ROLE });`;
const v2Role = `const AWS = require('aws-sdk');\nnew AWS.Iot().createOTAUpdate({ roleArn: "arn:aws:iam:123456789012:role/ota" }).promise();`;
const lowerCase = `${SDK}new CreateOTAUpdateCommand({ protocols: ['mqtt'] as const });`;
const longId = `${SDK}new CreateOTAUpdateCommand({ otaUpdateId: 'fw-release-2024' });`;

tester.run('role-arn-format', rule('role-arn-format'), {
  valid: [
    `${SDK}new CreateOTAUpdateCommand({ roleArn: 'arn:aws:iam::123456789012:role/ota' });`,
    { name: 'a role known only at run time', code: `${SDK}new CreateOTAUpdateCommand({ roleArn: process.env.ROLE_ARN });` },
    { name: 'not a CreateOTAUpdate call', code: `${SDK}new GetOTAUpdateCommand({ roleArn: 'arn:aws:iam:123456789012:role/ota' });` },
    {
      name: 'an otalint disable comment',
      code: `${SDK}new CreateOTAUpdateCommand({\n  // otalint-disable-next-line role-arn-format -- legacy lab role\n  roleArn: 'arn:aws:iam:123456789012:role/ota',\n});`,
    },
  ],
  invalid: [
    {
      name: 'a constant: reported and fixed where it is written',
      code: constantRole,
      output: `${SDK}const ROLE = 'arn:aws:iam::123456789012:role/ota';\nnew CreateOTAUpdateCommand({ roleArn: ROLE });`,
      errors: [{ messageId: 'missingRegionField', ...at(constantRole, "'arn:aws:iam:123456789012:role/ota'") }],
    },
    {
      name: 'SDK v2 in a CommonJS script',
      filename: 'provision.js',
      code: v2Role,
      output: `const AWS = require('aws-sdk');\nnew AWS.Iot().createOTAUpdate({ roleArn: "arn:aws:iam::123456789012:role/ota" }).promise();`,
      errors: [{ messageId: 'missingRegionField', ...at(v2Role, '"arn:aws:iam:123456789012:role/ota"') }],
    },
  ],
});

tester.run('protocols-combination', rule('protocols-combination'), {
  valid: [`${SDK}new CreateOTAUpdateCommand({ protocols: ['MQTT', 'HTTP'] });`],
  invalid: [
    {
      code: lowerCase,
      output: `${SDK}new CreateOTAUpdateCommand({ protocols: ['MQTT'] as const });`,
      errors: [
        {
          messageId: 'notUpperCase',
          data: { message: 'Protocol "mqtt" must be written "MQTT": the valid values are ["HTTP"], ["MQTT"] and ["HTTP", "MQTT"].' },
          ...at(lowerCase, "'mqtt'"),
        },
      ],
    },
  ],
});

tester.run('sdk-signature-bytes', rule('sdk-signature-bytes'), {
  valid: [
    `${SDK}new CreateOTAUpdateCommand({ files: [{ codeSigning: { customCodeSigning: { signature: { inlineDocument: Buffer.from('${SIGNATURE}', 'base64') } } } }] });`,
  ],
  invalid: [
    {
      code: `${SDK}new CreateOTAUpdateCommand({ files: [{ codeSigning: { customCodeSigning: { signature: { inlineDocument: '${SIGNATURE}' } } } }] });`,
      errors: [
        {
          messageId: 'base64Text',
          suggestions: [
            {
              messageId: 'decode',
              output: `${SDK}new CreateOTAUpdateCommand({ files: [{ codeSigning: { customCodeSigning: { signature: { inlineDocument: Buffer.from('${SIGNATURE}', 'base64') } } } }] });`,
            },
          ],
        },
      ],
    },
  ],
});

tester.run('otaupdate-id-length', rule('otaupdate-id-length'), {
  valid: [
    `${SDK}new CreateOTAUpdateCommand({ otaUpdateId: 'fw-${'x'.repeat(50)}' });`,
    { name: 'an id built at run time', code: `${SDK}const id = build(); new CreateOTAUpdateCommand({ otaUpdateId: \`fw-\${id}-${'x'.repeat(60)}\` });` },
  ],
  invalid: [
    {
      name: 'options, validated and applied as in otalint config',
      code: longId,
      options: [{ max: 10 }],
      errors: [{ messageId: 'overMax', ...at(longId, "'fw-release-2024'") }],
    },
  ],
});

test.run();
