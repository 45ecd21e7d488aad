import type { Diagnostic, Severity } from './diagnostic.js';
import { RESERVED_RULE_IDS } from './diagnostic.js';
import { toSeverity, type SeverityName } from './config/types.js';

/** What the suppression step itself reports. These are never suppressible. */
export const SUPPRESSION_RULE_IDS = {
  unused: 'unused-suppression',
  expired: 'expired-suppression',
  invalid: 'invalid-suppression',
} as const;

/** Where the pages of the engine's own ids live (shipped with @otalint/core as `docs/<id>.md`). */
export const ENGINE_DOCS_BASE_URL = 'https://github.com/otalint/otalint/blob/main/packages/core/docs/';

/**
 * An id the engine reports itself, not a rule: problems of the file (syntax, duplicate keys), of
 * the run (a crashed rule, an unreadable file) and of suppressions. `otalint rules` lists them,
 * SARIF describes them, and config sets those that may be set, as it sets rules.
 */
export interface ReservedId {
  readonly id: string;
  /** One line, as `otalint rules`, SARIF and the docs page say it. */
  readonly description: string;
  /** The severity it is reported with, unless config sets another. */
  readonly defaultSeverity: Severity;
  /**
   * `true`: config (`rules`, `--rule`) may turn it off or give it another severity, as for a rule.
   * Otherwise why not: the end of the message that refuses such a setting.
   */
  readonly configurable: true | { readonly refused: string };
  /** Whether a config suppression, a disable comment or a baseline may waive its findings. */
  readonly suppressible: boolean;
  /** Whether --fix fixes some of its findings. */
  readonly fixable: boolean;
  readonly docsUrl: string;
}

const reserved = (entry: Omit<ReservedId, 'docsUrl'>): ReservedId => ({ ...entry, docsUrl: `${ENGINE_DOCS_BASE_URL}${entry.id}.md` });

/** Every reserved id, in the order `otalint rules` lists them. */
export const RESERVED_IDS: readonly ReservedId[] = [
  reserved({
    id: RESERVED_RULE_IDS.syntax,
    description: 'The file is valid JSON or YAML as the AWS CLI reads it.',
    defaultSeverity: 'error',
    configurable: {
      refused:
        'the AWS CLI cannot read such a file, so it can never be sent, and the other rules saw only what could be recovered from it. Fix the syntax (`otalint --fix` fixes some of it).',
    },
    suppressible: false,
    fixable: true,
  }),
  reserved({
    id: RESERVED_RULE_IDS.duplicateKey,
    description: 'No key appears twice in one object.',
    defaultSeverity: 'error',
    configurable: true,
    suppressible: true,
    fixable: false,
  }),
  reserved({
    id: RESERVED_RULE_IDS.internal,
    description: 'No rule crashes on the file (a crash is a bug in the rule, and the run fails).',
    defaultSeverity: 'error',
    configurable: {
      refused:
        'a rule crashed, so the file was not fully checked, and the run fails (exit 2) whatever the config says. Fix or remove the rule that crashed (`--debug` shows the stack).',
    },
    suppressible: false,
    fixable: false,
  }),
  reserved({
    id: RESERVED_RULE_IDS.unreadable,
    description: 'Every file named or found can be read (one that cannot fails the run).',
    defaultSeverity: 'error',
    configurable: {
      refused:
        'a file that cannot be read was not checked at all, so the run fails (exit 2) whatever the config says. Make the file readable, or leave it out (.otalintignore, `--ignore-pattern`).',
    },
    suppressible: false,
    fixable: false,
  }),
  reserved({
    id: RESERVED_RULE_IDS.encoding,
    description: 'The file is UTF-8 text, as the AWS CLI reads it (not invalid UTF-8, UTF-16 or UTF-32).',
    defaultSeverity: 'error',
    configurable: {
      refused:
        'the AWS CLI cannot read such a file ("text contents could not be decoded"), so it can never be sent, and --fix leaves it alone. Save the file as UTF-8.',
    },
    suppressible: false,
    fixable: false,
  }),
  reserved({
    id: RESERVED_RULE_IDS.limit,
    description: "The file stays within otalint's limits (10 MB, 100 levels of nesting, 16 MB once YAML aliases are expanded, 1000 alias uses).",
    defaultSeverity: 'error',
    configurable: {
      refused:
        'a file past a limit was not checked, so a gate must not pass it. Split or shorten the file (a request file is a few kilobytes), or leave it out (.otalintignore, `--ignore-pattern`).',
    },
    suppressible: false,
    fixable: false,
  }),
  reserved({
    id: SUPPRESSION_RULE_IDS.unused,
    description: 'Every suppression and disable comment waives a finding.',
    defaultSeverity: 'warning',
    configurable: true,
    suppressible: false,
    fixable: false,
  }),
  reserved({
    id: SUPPRESSION_RULE_IDS.expired,
    description: 'No suppression is past its `expires` date (its finding is then reported again).',
    defaultSeverity: 'warning',
    configurable: true,
    suppressible: false,
    fixable: false,
  }),
  reserved({
    id: SUPPRESSION_RULE_IDS.invalid,
    description: 'Disable comments are well formed, and no suppression aims at a rule locked by `unsuppressible`.',
    defaultSeverity: 'error',
    configurable: {
      refused:
        'it tells why a finding you meant to waive is still reported (the comment is malformed, or the rule is locked by "unsuppressible"), and the finding stands either way. Fix or remove the comment or the suppression.',
    },
    suppressible: false,
    fixable: false,
  }),
];

const BY_ID = new Map(RESERVED_IDS.map((entry) => [entry.id, entry]));

export function reservedId(id: string): ReservedId | undefined {
  return BY_ID.get(id);
}

/** Engine ids a user may suppress besides rules: the others mean the file cannot be used at all. */
export const SUPPRESSIBLE_RESERVED_IDS: readonly string[] = RESERVED_IDS.filter((entry) => entry.suppressible).map((entry) => entry.id);

/** True when a finding with this id can be covered by a suppression, a comment or a baseline. */
export function isSuppressibleId(ruleId: string, knownRules: { has(id: string): boolean }): boolean {
  return knownRules.has(ruleId) || SUPPRESSIBLE_RESERVED_IDS.includes(ruleId);
}

/**
 * Apply config settings of reserved ids to findings: `off` drops them, a severity replaces
 * theirs. Settings of other ids, and findings of ids config may not set, are left alone.
 */
export function applyReservedSettings(messages: readonly Diagnostic[], settings: ReadonlyMap<string, SeverityName>): Diagnostic[] {
  if (settings.size === 0) return [...messages];
  const out: Diagnostic[] = [];
  for (const message of messages) {
    const setting = settings.get(message.ruleId);
    if (setting === undefined || reservedId(message.ruleId)?.configurable !== true) out.push(message);
    else if (setting !== 'off') out.push({ ...message, severity: toSeverity(setting) });
  }
  return out;
}
