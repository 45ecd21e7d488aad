import { defineRule, isAbsent, isString, plural, signingParts } from '@otalint/core';

const PROFILE_NAME = /^[a-zA-Z0-9_]{2,64}$/;

/**
 * The IoT model accepts any string here, or none; AWS Signer requires a profile name matching its
 * pattern and rejects the job when it starts, after the update was created.
 */
export default defineRule({
  meta: {
    id: 'signing-profile-name',
    description: "`startSigningJobParameter` has a `signingProfileName` matching AWS Signer's pattern `^[a-zA-Z0-9_]{2,64}$`.",
    category: 'signing',
    unknownValues: 'checked',
    needs: ['files[].codeSigning.startSigningJobParameter'],
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    hasSuggestions: true,
    messages: {
      invalid:
        '`signingProfileName` "{{name}}" {{problem}}; AWS Signer profile names match ^[a-zA-Z0-9_]{2,64}$ (letters, digits and underscores, 2 to 64 of them).',
      useUnderscores: 'Use "{{name}}" (Signer finds or creates the profile by this name).',
      missing:
        '`startSigningJobParameter` has no `signingProfileName`; AWS Signer signs with a named profile (an existing one, or one this request creates with `signingProfileParameter`). Add `"signingProfileName": "<name>"` (letters, digits and underscores).',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const { part: job } of signingParts(context.request, 'startSigningJobParameter')) {
      const name = job.value.signingProfileName;
      if (isAbsent(job.value, 'signingProfileName')) {
        context.report({ path: [...job.path, 'signingProfileName'], target: 'parent', messageId: 'missing' });
        continue;
      }
      if (!isString(name) || PROFILE_NAME.test(name)) continue;
      const corrected = name.replace(/[^a-zA-Z0-9_]/g, '_');
      context.report({
        path: [...job.path, 'signingProfileName'],
        messageId: 'invalid',
        data: { name, problem: describeProblem(name) },
        ...(PROFILE_NAME.test(corrected)
          ? {
              suggestions: [
                {
                  messageId: 'useUnderscores',
                  data: { name: corrected },
                  edits: [{ kind: 'replace', path: [...job.path, 'signingProfileName'], value: corrected }],
                },
              ],
            }
          : {}),
      });
    }
  },
});

function describeProblem(name: string): string {
  const bad = /[^a-zA-Z0-9_]/.exec(name)?.[0];
  if (bad === '-') return 'contains a hyphen, which Signer does not allow (use an underscore)';
  if (bad !== undefined) return `contains "${bad}", which Signer does not allow`;
  const length = `is ${plural(name.length, 'character')} long`;
  return name.length < 2 ? `${length}, under the minimum of 2` : `${length}, over the maximum of 64`;
}
