import { defineAccountRule } from '@otalint/core';
import { quote, signingJobStarts } from '../deep/request-values.js';

export default defineAccountRule({
  meta: {
    id: 'deep-signing-profile',
    description:
      'With `--deep`: the AWS Signer profile a signing job names exists and is active (a request that gives `signingProfileParameter` may name a new one).',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      missing:
        'Signing profile "{{name}}" does not exist in {{region}} ({{error}}). Name an existing profile, or add `signingProfileParameter` (certificateArn, platform, certificatePathOnDevice) so the update creates it.',
      inactive: 'Signing profile "{{name}}" is {{status}}; AWS Signer signs only with active profiles. Name an active profile, or create a new one.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    for (const { profileName, createsNoProfile } of signingJobStarts(context.request)) {
      const name = profileName.value;
      const found = await context.account.signingProfile(context.region, name);
      if (found.status === 'unavailable') context.cannotCheck(profileName.path, `that signing profile "${name}" exists and is active`, found);
      else if (found.status === 'missing') {
        if (createsNoProfile)
          context.report({ path: profileName.path, messageId: 'missing', data: { name, region: context.region ?? 'the region', error: quote(found.error) } });
      } else if (found.value.status !== 'Active') {
        context.report({ path: profileName.path, messageId: 'inactive', data: { name, status: found.value.status } });
      }
    }
  },
});
