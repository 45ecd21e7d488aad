import { RESERVED_RULE_IDS, SUPPRESSION_RULE_IDS } from '@otalint/core/engine';

/** What the ids the engine reports itself (not rules) mean, for formats that describe every id. */
const DESCRIPTIONS: Record<string, string> = {
  [RESERVED_RULE_IDS.syntax]: 'The file is not valid JSON or YAML as the AWS CLI reads it.',
  [RESERVED_RULE_IDS.duplicateKey]: 'A key appears twice in one object.',
  [RESERVED_RULE_IDS.yamlType]: 'A YAML value reads as a number or date where the request wants a string; quote it.',
  [RESERVED_RULE_IDS.internal]: 'A rule crashed on this file (a bug in the rule, not in the file).',
  [RESERVED_RULE_IDS.unreadable]: 'The file could not be read.',
  [SUPPRESSION_RULE_IDS.unused]: 'A suppression or disable comment waived nothing.',
  [SUPPRESSION_RULE_IDS.expired]: 'A suppression is past its expiry date, so its finding is reported again.',
  [SUPPRESSION_RULE_IDS.invalid]: 'A disable comment is malformed, or tries to suppress an unsuppressible rule.',
};

export function engineRuleDescription(ruleId: string): string {
  return DESCRIPTIONS[ruleId] ?? `Reported by otalint as "${ruleId}".`;
}
