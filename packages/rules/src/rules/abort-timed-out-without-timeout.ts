import { abortCriteriaEntries, defineRule, isAbsent } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'abort-timed-out-without-timeout',
    description: 'A `TIMED_OUT` abort criterion comes with `awsJobTimeoutConfig.inProgressTimeoutInMinutes`.',
    category: 'abort',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      neverFires:
        'This criterion counts TIMED_OUT executions, but there is no `awsJobTimeoutConfig.inProgressTimeoutInMinutes`, so no execution ever times out and it never fires. Add `"awsJobTimeoutConfig": { "inProgressTimeoutInMinutes": <1-10080> }`.',
    },
  },
  defaultOptions: {},
  check(context) {
    if (!isAbsent(context.request, 'awsJobTimeoutConfig.inProgressTimeoutInMinutes')) return;
    for (const criteria of abortCriteriaEntries(context.request)) {
      if (criteria.value.failureType === 'TIMED_OUT') context.report({ path: [...criteria.path, 'failureType'], messageId: 'neverFires' });
    }
  },
});
