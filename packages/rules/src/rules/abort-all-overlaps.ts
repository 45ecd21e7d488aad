import { abortCriteriaEntries, defineRule } from '@otalint/core';

const SPECIFIC = ['FAILED', 'REJECTED', 'TIMED_OUT'];

export default defineRule({
  meta: {
    id: 'abort-all-overlaps',
    description: 'An `ALL` abort criterion is not mixed with criteria for specific failure types.',
    category: 'abort',
    unknownValues: 'checked',
    defaultSeverity: 'info',
    certainty: 'inferred',
    presets: ['strict'],
    messages: {
      overlaps:
        '`failureType` ALL counts every failure, so it overlaps the criteria for {{specific}}: the lowest threshold wins. Keep ALL alone, or drop it and list the specific types.',
    },
  },
  defaultOptions: {},
  check(context) {
    const criteria = abortCriteriaEntries(context.request);
    const specific = [...new Set(criteria.map((c) => c.value.failureType).filter((type): type is string => SPECIFIC.includes(type as string)))];
    if (specific.length === 0) return;
    for (const all of criteria.filter((c) => c.value.failureType === 'ALL')) {
      context.report({ path: [...all.path, 'failureType'], messageId: 'overlaps', data: { specific: specific.join(', ') } });
    }
  },
});
