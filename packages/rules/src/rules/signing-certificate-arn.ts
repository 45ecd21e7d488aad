import { arnShapeProblem, childObject, defineRule, isString, parseArn, signingParts } from '@otalint/core';

const SHAPE = 'arn:<partition>:acm:<region>:<account>:certificate/<id>';

/** AWS Signer takes the code-signing certificate from ACM; nothing else is accepted here. */
export default defineRule({
  meta: {
    id: 'signing-certificate-arn',
    description: `\`signingProfileParameter.certificateArn\` is an ACM certificate ARN (\`${SHAPE}\`).`,
    category: 'signing',
    unknownValues: 'checked',
    needs: ['files[].codeSigning.startSigningJobParameter.signingProfileParameter'],
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

const ACM_CERTIFICATE = /^certificate\/[A-Za-z0-9-]+$/;

function acmArnProblem(text: string): string | undefined {
  const arn = parseArn(text);
  // The usual mistake, named as such: a device certificate where Signer wants its own.
  if (arn?.service === 'iot' && arn.resource.startsWith('cert/')) return 'it is an AWS IoT device certificate';
  return arnShapeProblem(text, {
    service: 'acm',
    region: 'required',
    resource: (resource) => (ACM_CERTIFICATE.test(resource) ? undefined : `the resource "${resource}" is not certificate/<id>`),
  });
}
