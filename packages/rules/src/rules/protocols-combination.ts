import { defineRule, isString, listEntries, type ValueEdit } from '@otalint/core';

const PROTOCOLS = ['HTTP', 'MQTT'];

export default defineRule({
  meta: {
    id: 'protocols-combination',
    description: '`protocols` is one of ["HTTP"], ["MQTT"] or ["HTTP", "MQTT"]: upper case, no repeats.',
    category: 'protocols',
    unknownValues: 'checked',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    fixable: true,
    messages: {
      notUpperCase: 'Protocol "{{value}}" must be written "{{fixed}}": the valid values are ["HTTP"], ["MQTT"] and ["HTTP", "MQTT"].',
      repeated: 'Protocol "{{value}}" is listed more than once: the valid values are ["HTTP"], ["MQTT"] and ["HTTP", "MQTT"]. Remove the repeat.',
    },
  },
  defaultOptions: {},
  check(context) {
    const seen = new Set<string>();
    for (const [index, value] of listEntries(context.request.protocols)) {
      if (!isString(value)) continue;
      const fixed = value.toUpperCase();
      // Anything but HTTP and MQTT is the model check's (an enum error).
      if (!PROTOCOLS.includes(fixed)) continue;
      const path = ['protocols', index];
      if (seen.has(fixed)) {
        const remove: ValueEdit = { kind: 'remove', path };
        context.report({ path, messageId: 'repeated', data: { value }, fix: [remove], supersedes: 'aws-api-model' });
        continue;
      }
      seen.add(fixed);
      if (fixed !== value)
        context.report({
          path,
          messageId: 'notUpperCase',
          data: { value, fixed },
          fix: [{ kind: 'replace', path, value: fixed }],
          supersedes: 'aws-api-model',
        });
    }
  },
});
