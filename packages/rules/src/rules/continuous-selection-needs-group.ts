import { defineRule, parseIotTarget, targetEntries } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'continuous-selection-needs-group',
    description: '`targetSelection: CONTINUOUS` has at least one thing-group target.',
    category: 'targets',
    defaultSeverity: 'warning',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      onlyThings:
        '`targetSelection` is CONTINUOUS, but every target is a thing: CONTINUOUS only adds things that later join a target thing group, so it adds nothing here. Target a thing group, or use SNAPSHOT.',
    },
  },
  defaultOptions: {},
  check(context) {
    if (context.request.targetSelection !== 'CONTINUOUS') return;
    const targets = targetEntries(context.request).map((entry) => parseIotTarget(entry.value));
    if (targets.length > 0 && targets.every((target) => target?.kind === 'thing')) {
      context.report({ path: ['targetSelection'], messageId: 'onlyThings' });
    }
  },
});
