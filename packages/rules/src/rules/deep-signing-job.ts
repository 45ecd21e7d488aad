import { childObject, defineAccountRule, fileEntries } from '@otalint/core';
import { quote, stringAt } from '../deep/request-values.js';

export default defineAccountRule({
  meta: {
    id: 'deep-signing-job',
    description: 'With `--deep`: an `awsSignerJobId` names an AWS Signer job that succeeded.',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      missing: 'Signing job "{{job}}" does not exist in {{region}} ({{error}}). Use the jobId that aws signer start-signing-job printed.',
      notSucceeded: 'Signing job "{{job}}" is {{status}}{{reason}}, so there is no signed image to send. Wait for it to succeed, or sign again.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    for (const file of fileEntries(context.request)) {
      const job = stringAt(childObject(file, 'codeSigning'), 'awsSignerJobId');
      if (!job) continue;
      const found = await context.account.signingJob(context.region, job.value);
      if (found.status === 'unavailable') context.cannotCheck(job.path, `that signing job "${job.value}" succeeded`, found);
      else if (found.status === 'missing')
        context.report({ path: job.path, messageId: 'missing', data: { job: job.value, region: context.region ?? 'the region', error: quote(found.error) } });
      else if (found.value.status !== 'Succeeded') {
        const reason = found.value.statusReason ? ` ("${found.value.statusReason}")` : '';
        context.report({ path: job.path, messageId: 'notSucceeded', data: { job: job.value, status: found.value.status, reason } });
      }
    }
  },
});
