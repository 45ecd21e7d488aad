import { ACCOUNT_ID, childObject, defineRule, isPartition, isString, parseArn, REGION, signingParts } from '@otalint/core';

const SHAPE = 'arn:<partition>:acm:<region>:<account>:certificate/<id>';

/** AWS Signer takes the code-signing certificate from ACM; nothing else is accepted here. */
export default defineRule({
  meta: {
    id: 'signing-certificate-arn',
    description: `\`signingProfileParameter.certificateArn\` is an ACM certificate ARN (\`${SHAPE}\`).`,
    category: 'signing',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      notAcm:
        '`certificateArn` "{{arn}}" is not an ACM certificate ARN: {{problem}}. AWS Signer needs the code-signing certificate imported into ACM: {{shape}}.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const { part: job } of signingParts(context.request, 'startSigningJobParameter')) {
      const parameter = childObject(job, 'signingProfileParameter');
      const arn = parameter?.value.certificateArn;
      if (!parameter || !isString(arn)) continue;
      const problem = acmArnProblem(arn);
      if (problem) context.report({ path: [...parameter.path, 'certificateArn'], messageId: 'notAcm', data: { arn, problem, shape: SHAPE } });
    }
  },
});

function acmArnProblem(text: string): string | undefined {
  const arn = parseArn(text);
  if (!arn) return 'it does not have the six colon-separated parts of an ARN';
  if (arn.service === 'iot' && arn.resource.startsWith('cert/')) return 'it is an AWS IoT device certificate';
  if (arn.service !== 'acm') return `its service is "${arn.service}", not "acm"`;
  if (!isPartition(arn.partition)) return `"${arn.partition}" is not an AWS partition`;
  if (!REGION.test(arn.region)) return arn.region === '' ? 'its region is empty (ACM certificates are regional)' : `"${arn.region}" is not a region`;
  if (!ACCOUNT_ID.test(arn.account)) return `"${arn.account}" is not a 12-digit account id`;
  if (!/^certificate\/[A-Za-z0-9-]+$/.test(arn.resource)) return `its resource "${arn.resource}" is not "certificate/<id>"`;
  return undefined;
}
