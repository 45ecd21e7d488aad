import { defineRule, isFullyKnown, isString, parseArn, readTargets, type IotTarget } from '@otalint/core';

const FIELDS = [
  ['partition', 'partitions'],
  ['region', 'regions'],
  ['account', 'accounts'],
] as const;
/** What the role shares with the targets (its region is empty: IAM is global). */
const ROLE_FIELDS = ['partition', 'account'] as const;

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
    const read = readTargets(context.request);
    // Most requests have one target, of one scope: the list of targets is made only for several.
    let first: IotTarget | undefined;
    let several = false;
    for (let i = 0; i < read.length; i++) {
      const target = read[i]!.target;
      if (target === undefined) continue;
      if (first === undefined) first = target;
      else several = true;
    }
    if (first === undefined) return;
    let consistent = true;
    if (several) {
      const targets = read.flatMap(({ target }) => (target ? [target] : []));
      for (const [field, what] of FIELDS) {
        const values = [...new Set(targets.map((target) => target[field]))];
        if (values.length > 1) {
          consistent = false;
          context.report({ path: ['targets'], messageId: 'mixed', data: { what, values: values.join(', '), field } });
        }
      }
    }
    const roleArn = context.request.roleArn;
    if (!consistent || !isString(roleArn) || inScopeOf(roleArn, first)) return;
    const role = parseArn(roleArn);
    // A target known only at run time may be in another partition or account than those shown.
    if (!role || role.service !== 'iam' || !isFullyKnown(context.request.targets)) return;
    for (const field of ROLE_FIELDS) {
      const expected = first[field];
      if (role[field] !== expected) {
        context.report({ path: ['roleArn'], messageId: 'roleElsewhere', data: { field, role: role[field], targets: expected } });
        return;
      }
    }
  },
});

/**
 * Whether an ARN is an IAM one in the target's partition and account (`arn:<partition>:iam:<region>:<account>:...`),
 * told without splitting it: most roles are, and they have nothing to report.
 */
function inScopeOf(arn: string, target: IotTarget): boolean {
  const { partition, account } = target;
  if (!arn.startsWith('arn:') || !arn.startsWith(partition, 4) || !arn.startsWith(':iam:', 4 + partition.length)) return false;
  const accountStart = arn.indexOf(':', 4 + partition.length + 5) + 1;
  return accountStart > 0 && arn.startsWith(account, accountStart) && arn[accountStart + account.length] === ':';
}
