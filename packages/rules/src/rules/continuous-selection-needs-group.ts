import { defineRule, isFullyKnown, readTargets } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'continuous-selection-needs-group',
    description: '`targetSelection: CONTINUOUS` has at least one thing-group target.',
    category: 'targets',
    unknownValues: 'checked',
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
    // A target known only at run time, or a spread, may be a thing group.
    if (context.request.targetSelection !== 'CONTINUOUS' || !isFullyKnown(context.request.targets)) return;
    const targets = readTargets(context.request).map((entry) => entry.target);
    if (targets.length > 0 && targets.every((target) => target?.kind === 'thing')) {
      context.report({ path: ['targetSelection'], messageId: 'onlyThings' });
    }
  },
});
