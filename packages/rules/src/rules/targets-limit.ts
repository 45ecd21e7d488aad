import { defineRule } from '@otalint/core';

const LIMIT = 100;

export default defineRule({
  meta: {
    id: 'targets-limit',
    description: '`targets` lists at most 100 things or thing groups.',
    category: 'targets',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      tooMany:
        '`targets` lists {{count}} entries; an IoT job takes at most 100 targets. Put the things in a thing group and target the group, or split the update.',
    },
  },
  defaultOptions: {},
  check(context) {
    const { targets } = context.request;
    if (Array.isArray(targets) && targets.length > LIMIT) context.report({ path: ['targets'], messageId: 'tooMany', data: { count: targets.length } });
  },
});
