import { IOT_TARGET_NAME, defineRule, hasKnownPrefix, iotTargetPrefixProblem, readTargets, valuesAt } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'target-arn-format',
    description: 'Every target is a thing or thing-group ARN: arn:<partition>:iot:<region>:<account>:thing/<name> or .../thinggroup/<name>.',
    category: 'targets',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      bareName:
        'Target "{{value}}" is a name, not an ARN: targets are thing or thing-group ARNs such as arn:aws:iot:us-east-1:123456789012:thing/{{value}} (or .../thinggroup/<group>). Write the full ARN.',
      malformed:
        'Target "{{value}}" is not a thing or thing-group ARN: {{reason}}. It must look like arn:aws:iot:us-east-1:123456789012:thing/<name> or .../thinggroup/<name>.',
      prefix:
        'Target "{{source}}" can never be a thing or thing-group ARN, whatever it holds at run time: {{reason}}. It must look like arn:aws:iot:us-east-1:123456789012:thing/<name> or .../thinggroup/<name>.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const target of readTargets(context.request)) {
      const reason = target.problem;
      if (reason === undefined) continue;
      if (!target.value.startsWith('arn:') && IOT_TARGET_NAME.test(target.value)) {
        context.report({ path: target.path, messageId: 'bareName', data: { value: target.value } });
      } else {
        context.report({ path: target.path, messageId: 'malformed', data: { value: target.value, reason } });
      }
    }
    for (const target of valuesAt(context.request, 'targets[]', hasKnownPrefix)) {
      const reason = iotTargetPrefixProblem(target.value.prefix);
      if (reason) context.report({ path: target.path, messageId: 'prefix', data: { source: target.value.source, reason }, onKnownPrefix: true });
    }
  },
});
