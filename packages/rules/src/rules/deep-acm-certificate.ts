import { defineAccountRule, parseArn } from '@otalint/core';
import { otherAccount, quote, signingJobStarts, stringAt } from '../deep/request-values.js';

export default defineAccountRule({
  meta: {
    id: 'deep-acm-certificate',
    description: 'With `--deep`: the ACM certificate in `signingProfileParameter.certificateArn` exists, is issued and has not expired.',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      missing:
        'ACM certificate {{arn}} does not exist ({{error}}). Import the signing certificate into ACM in {{region}} (aws acm import-certificate), or correct the ARN.',
      expired: 'ACM certificate {{arn}} expired on {{date}}; AWS Signer will not sign with it. Import a renewed certificate and use its ARN.',
      notIssued: 'ACM certificate {{arn}} is {{status}}, not ISSUED; AWS Signer signs only with an issued certificate.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    for (const { parameter } of signingJobStarts(context.request)) {
      const certificate = stringAt(parameter, 'certificateArn');
      const arn = certificate && parseArn(certificate.value);
      if (!certificate || !arn || arn.service !== 'acm' || !arn.resource.startsWith('certificate/')) continue;
      const what = `that ACM certificate ${certificate.value} exists and is valid`;
      const elsewhere = await otherAccount(context.account, arn.account, 'the certificate');
      if (elsewhere) {
        context.cannotCheck(certificate.path, what, elsewhere);
        continue;
      }
      const found = await context.account.certificate(certificate.value);
      const data = { arn: certificate.value, region: arn.region };
      if (found.status === 'unavailable') context.cannotCheck(certificate.path, what, found);
      else if (found.status === 'missing') context.report({ path: certificate.path, messageId: 'missing', data: { ...data, error: quote(found.error) } });
      else if (found.value.status === 'EXPIRED' || (found.value.notAfter !== undefined && found.value.notAfter.getTime() < Date.now())) {
        context.report({
          path: certificate.path,
          messageId: 'expired',
          data: { ...data, date: found.value.notAfter?.toISOString().slice(0, 10) ?? 'an earlier date' },
        });
      } else if (found.value.status !== 'ISSUED')
        context.report({ path: certificate.path, messageId: 'notIssued', data: { ...data, status: found.value.status } });
    }
  },
});
