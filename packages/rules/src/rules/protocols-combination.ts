import { defineRule, isList, isString, type ValueEdit } from '@otalint/core';

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
    const { protocols } = context.request;
    if (!isList(protocols)) return;
    // A request names one or two protocols: the ones seen are few enough to search.
    const seen: string[] = [];
    for (let index = 0; index < protocols.length; index++) {
      const value: unknown = protocols[index];
      if (!isString(value)) continue;
      const fixed = value.toUpperCase();
      // Anything but HTTP and MQTT is the model check's (an enum error).
      if (!PROTOCOLS.includes(fixed)) continue;
      if (seen.includes(fixed)) {
        const path = ['protocols', index];
        const remove: ValueEdit = { kind: 'remove', path };
        context.report({ path, messageId: 'repeated', data: { value }, fix: [remove], supersedes: 'aws-api-model' });
        continue;
      }
      seen.push(fixed);
      if (fixed !== value) {
        const path = ['protocols', index];
        context.report({
          path,
          messageId: 'notUpperCase',
          data: { value, fixed },
          fix: [{ kind: 'replace', path, value: fixed }],
          supersedes: 'aws-api-model',
        });
      }
    }
  },
});
