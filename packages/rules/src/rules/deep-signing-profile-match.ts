import { defineAccountRule } from '@otalint/core';
import { signingJobStarts, stringAt } from '../deep/request-values.js';

export default defineAccountRule({
  meta: {
    id: 'deep-signing-profile-match',
    description: "With `--deep`: when the named signing profile already exists, `signingProfileParameter`'s platform and certificate are the profile's.",
    category: 'deep',
    defaultSeverity: 'warning',
    certainty: 'inferred',
    unknownValues: 'checked',
    messages: {
      platform:
        'Signing profile "{{name}}" already exists with platform "{{actual}}", not "{{written}}"; the existing profile is what signs, so devices get a "{{actual}}" signature. Use the profile\'s platform, or a new profile name.',
      certificate:
        'Signing profile "{{name}}" already exists with certificate {{actual}}, not {{written}}; devices would verify against the wrong certificate. Use the profile\'s certificate, or a new profile name.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    for (const { profileName, parameter } of signingJobStarts(context.request)) {
      if (!parameter) continue;
      const found = await context.account.signingProfile(context.region, profileName.value);
      // Missing and unanswered profiles are deep-signing-profile's to report.
      if (found.status !== 'found') continue;
      const platform = stringAt(parameter, 'platform');
      const certificate = stringAt(parameter, 'certificateArn');
      const name = profileName.value;
      if (platform && found.value.platformId !== undefined && platform.value !== found.value.platformId) {
        context.report({ path: platform.path, messageId: 'platform', data: { name, actual: found.value.platformId, written: platform.value } });
      }
      if (certificate && found.value.certificateArn !== undefined && certificate.value !== found.value.certificateArn) {
        context.report({ path: certificate.path, messageId: 'certificate', data: { name, actual: found.value.certificateArn, written: certificate.value } });
      }
    }
  },
});
