import { defineAccountRule, trustAllowsService } from '@otalint/core';
import { otherAccount, quote, roleArnOf } from '../deep/request-values.js';

const SERVICE = 'iot.amazonaws.com';

export default defineAccountRule({
  meta: {
    id: 'deep-iam-role-trust',
    description: 'With `--deep`: the `roleArn` role exists and its trust policy lets AWS IoT (`iot.amazonaws.com`) assume it.',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      missing: 'IAM role "{{role}}" does not exist ({{error}}); AWS IoT cannot assume it, and the update fails. Create the role, or correct the ARN.',
      untrusted:
        'IAM role "{{role}}" cannot be assumed by AWS IoT: {{why}}. Add a trust policy statement that allows "sts:AssumeRole" for the principal { "Service": "iot.amazonaws.com" }.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    const role = roleArnOf(context.request);
    if (!role) return;
    const what = `that IAM role "${role.value}" exists and trusts ${SERVICE}`;
    const elsewhere = await otherAccount(context.account, role.account, 'the role');
    if (elsewhere) return context.cannotCheck(role.path, what, elsewhere);
    const found = await context.account.role(role.value);
    if (found.status === 'unavailable') return context.cannotCheck(role.path, what, found);
    if (found.status === 'missing') return context.report({ path: role.path, messageId: 'missing', data: { role: role.value, error: quote(found.error) } });
    const trust = trustAllowsService(found.value.trustPolicy, SERVICE);
    if (trust.verdict === 'allowed') return;
    const why =
      trust.verdict === 'denied'
        ? `its trust policy has a Deny for ${SERVICE} (${trust.detail})`
        : (trust.detail ?? `no statement of its trust policy names ${SERVICE}`);
    context.report({ path: role.path, messageId: 'untrusted', data: { role: role.value, why } });
  },
});
