import { defineAccountRule, parseIotTarget, targetEntries } from '@otalint/core';
import { otherAccount, quote } from '../deep/request-values.js';

export default defineAccountRule({
  meta: {
    id: 'deep-iot-targets',
    description: 'With `--deep`: every target thing or thing group exists, in the region and account its ARN names.',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      missing: '{{kind}} "{{name}}" does not exist in {{region}} ({{error}}). Create it, or correct the target ARN.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    for (const target of targetEntries(context.request)) {
      const parsed = parseIotTarget(target.value);
      if (!parsed) continue;
      const kind = parsed.kind === 'thing' ? 'Thing' : 'Thing group';
      const what = `that ${kind.toLowerCase()} "${parsed.name}" exists in ${parsed.region}`;
      const elsewhere = await otherAccount(context.account, parsed.account, 'the target');
      if (elsewhere) {
        context.cannotCheck(target.path, what, elsewhere);
        continue;
      }
      const found =
        parsed.kind === 'thing' ? await context.account.thing(parsed.region, parsed.name) : await context.account.thingGroup(parsed.region, parsed.name);
      if (found.status === 'unavailable') context.cannotCheck(target.path, what, found);
      else if (found.status === 'missing') {
        context.report({ path: target.path, messageId: 'missing', data: { kind, name: parsed.name, region: parsed.region, error: quote(found.error) } });
      }
    }
  },
});
