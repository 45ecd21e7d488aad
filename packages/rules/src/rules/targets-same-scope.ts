import { defineRule, isFullyKnown, isString, parseArn, readTargets, type IotTarget } from '@otalint/core';

const FIELDS = [
  ['partition', 'partitions'],
  ['region', 'regions'],
  ['account', 'accounts'],
] as const;

export default defineRule({
  meta: {
    id: 'targets-same-scope',
    description: "Targets share one partition, region and account, and they are the role's partition and account.",
    category: 'targets',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      mixed:
        'Targets span several {{what}} ({{values}}): an OTA update is created in one region of one account and reaches only things there. Split it into one request per {{field}}.',
      roleElsewhere:
        "The role is in {{field}} {{role}}, but the targets are in {{field}} {{targets}}: the service assumes the role in the targets' {{field}}. Use a role from the same {{field}}.",
    },
  },
  defaultOptions: {},
  check(context) {
    const targets: IotTarget[] = [];
    for (const { target } of readTargets(context.request)) if (target) targets.push(target);
    if (targets.length === 0) return;
    const distinct = (field: keyof IotTarget) => [...new Set(targets.map((target) => target[field]))];
    let consistent = true;
    // One target (most requests) is of one scope.
    for (const [field, what] of targets.length > 1 ? FIELDS : []) {
      const values = distinct(field);
      if (values.length > 1) {
        consistent = false;
        context.report({ path: ['targets'], messageId: 'mixed', data: { what, values: values.join(', '), field } });
      }
    }
    const roleArn = context.request.roleArn;
    const role = isString(roleArn) ? parseArn(roleArn) : undefined;
    // A target known only at run time may be in another partition or account than those shown.
    if (!consistent || !role || role.service !== 'iam' || !isFullyKnown(context.request.targets)) return;
    for (const field of ['partition', 'account'] as const) {
      const expected = targets[0]![field];
      if (role[field] !== expected) {
        context.report({ path: ['roleArn'], messageId: 'roleElsewhere', data: { field, role: role[field], targets: expected } });
        return;
      }
    }
  },
});
