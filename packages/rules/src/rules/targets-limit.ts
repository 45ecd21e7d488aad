import { defineListLimitRule } from '@otalint/core';

export default defineListLimitRule({
  path: 'targets',
  max: 100,
  meta: {
    id: 'targets-limit',
    description: '`targets` lists at most 100 things or thing groups.',
    category: 'targets',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
  },
  message:
    '`targets` lists {{count}} entries; an IoT job takes at most {{max}} targets. Put the things in a thing group and target the group, or split the update.',
});
