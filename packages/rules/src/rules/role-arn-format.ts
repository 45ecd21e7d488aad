import { arnPrefixProblem, arnShapeProblem, defineRule, hasKnownPrefix, isString, rightArnPattern, unanchored, type ArnShape } from '@otalint/core';

/** `arn:aws:iam:123456789012:role/...`: the empty region field left out (the AWS CLI docs example). */
const MISSING_REGION_FIELD = /^arn:([^:]+):iam:(\d{12}):(role\/.*)$/;
const ROLE_RESOURCE = /^role\/(?:[\u0021-\u007e]+\/)?[\w+=,.@-]{1,64}$/;

const ROLE_SHAPE: ArnShape = {
  service: 'iam',
  region: 'empty',
  resource: (resource) =>
    ROLE_RESOURCE.test(resource)
      ? undefined
      : resource.startsWith('role/')
        ? `the role name in "${resource}" must be 1 to 64 of letters, digits and + = , . @ _ -, after an optional /path/`
        : `the resource "${resource}" is not a role (role/<name>)`,
  resourceStart: (start) =>
    'role/'.startsWith(start) || /^role\/[\u0021-\u007e]*$/.test(start) ? undefined : `the resource, starting "${start}", is not a role (role/<name>)`,
};

/** Right role ARNs, told with one test (most are right): nothing to report, nothing to split out. */
const RIGHT_ROLE_ARN = rightArnPattern(ROLE_SHAPE, unanchored(ROLE_RESOURCE));

export default defineRule({
  meta: {
    id: 'role-arn-format',
    description: '`roleArn` is an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<optional path/><name>.',
    category: 'identity',
    unknownValues: 'checked',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    fixable: true,
    messages: {
      missingRegionField: '`roleArn` "{{value}}" lacks the empty region field: IAM ARNs have two colons after "iam" ("{{fixed}}"). Insert the missing colon.',
      malformed: '`roleArn` "{{value}}" is not an IAM role ARN: {{reason}}. It must look like arn:aws:iam::123456789012:role/<optional path/><name>.',
      prefix:
        '`roleArn` "{{source}}" can never be an IAM role ARN, whatever it holds at run time: {{reason}}. It must look like arn:aws:iam::123456789012:role/<optional path/><name>.',
    },
  },
  defaultOptions: {},
  check(context) {
    const value = context.request.roleArn;
    if (hasKnownPrefix(value)) {
      const reason = arnPrefixProblem(value.prefix, ROLE_SHAPE);
      if (reason) context.report({ path: ['roleArn'], messageId: 'prefix', data: { source: value.source, reason }, onKnownPrefix: true });
      return;
    }
    // Under 20 characters the model check already reports the length.
    if (!isString(value) || value.length < 20 || RIGHT_ROLE_ARN.test(value)) return;
    const missing = MISSING_REGION_FIELD.exec(value);
    if (missing) {
      const fixed = `arn:${missing[1]}:iam::${missing[2]}:${missing[3]}`;
      context.report({
        path: ['roleArn'],
        messageId: 'missingRegionField',
        data: { value, fixed },
        fix: [{ kind: 'replace', path: ['roleArn'], value: fixed }],
      });
      return;
    }
    const reason = arnShapeProblem(value, ROLE_SHAPE);
    if (reason) context.report({ path: ['roleArn'], messageId: 'malformed', data: { value, reason } });
  },
});
