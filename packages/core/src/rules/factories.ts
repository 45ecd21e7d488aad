import { hasAtMostDecimalPlaces, roundingNeighbours } from '../util/decimals.js';
import { isFiniteNumber, isList } from '../util/guards.js';
import { forEachValueAt, type Located } from '../util/select.js';
import { spelledPlural } from '../util/words.js';
import type { Target } from '../diagnostic.js';
import type { DeviceProfile } from '../device/profiles.js';
import { defineRule, type Rule, type RuleContext, type RuleMeta } from './define-rule.js';

/**
 * Factories for rules that differ only in their data: a number within limits, a number's
 * precision, a list's length. A new rule of one of these kinds is a few lines of metadata.
 */

/**
 * What a rule made by a factory declares itself. The factory writes the messages, and its checks
 * tell unknown values apart (`unknownValues: 'checked'`, proven by the robustness suite). It
 * declares no `needs`: its one selection finds nothing as cheaply as the engine would skip it.
 */
export type FactoryRuleMeta = Omit<RuleMeta, 'messages' | 'optionsSchema' | 'fixable' | 'hasSuggestions' | 'unknownValues' | 'needs'>;

interface MemberRule {
  readonly meta: FactoryRuleMeta;
  /** Where the number sits, as a path pattern: `awsJobTimeoutConfig.inProgressTimeoutInMinutes`, `files[].fileType`. */
  readonly path: string;
  /**
   * The member as messages name it, in backticks; default the member and its parent within the
   * list item, if any (`exponentialRate.incrementFactor`, `thresholdPercentage`).
   */
  readonly name?: string;
}

export interface RangeRuleDefinition extends MemberRule {
  /** The inclusive limits, as the AWS docs state them ("60 to 3600"). */
  readonly min: number;
  readonly max: number;
  /** Digits shown after the decimal point in the limits (1: "5.0"); default as the numbers print. */
  readonly decimals?: number;
  /** Said after the limits: `seconds`. */
  readonly unit?: string;
  /** Said after the unit, before the full stop: `(the default for OTA is 1800)`. */
  readonly note?: string;
  /** The last sentence; default "Use a value in that range." */
  readonly fix?: string;
}

/**
 * A rule that a number lies within inclusive limits: `{{name}} is 0; it must be between 1 and
 * 10080 minutes. Use a value in that range.` Values that are not finite numbers are the model
 * check's to report; unknown values are never read.
 */
export function defineRangeRule(definition: RangeRuleDefinition): Rule<Record<string, never>, 'outOfRange'> {
  const { path, min, max, decimals, unit, note, fix = 'Use a value in that range.' } = definition;
  const shown = (limit: number) => (decimals === undefined ? String(limit) : limit.toFixed(decimals));
  const limits = [`between ${shown(min)} and ${shown(max)}`, unit, note].filter((part) => part !== undefined).join(' ');
  // Only a number outside the limits is selected: one within them is never made an entry.
  const outOfRange = (value: unknown): value is number => isFiniteNumber(value) && (value < min || value > max);
  const judge = (entry: Located<number>, context: RuleContext<Record<string, never>, 'outOfRange'>) => {
    context.report({ path: entry.path, messageId: 'outOfRange', data: { value: entry.value } });
  };
  return defineRule({
    meta: {
      ...definition.meta,
      unknownValues: 'checked',
      messages: { outOfRange: `\`${memberName(definition)}\` is {{value}}; it must be ${limits}. ${fix}` },
    },
    defaultOptions: {},
    check(context) {
      forEachValueAt(context.request, path, outOfRange, judge, context);
    },
  });
}

export interface PrecisionRuleDefinition extends MemberRule {
  /** The most digits allowed after the decimal point. */
  readonly places: number;
  /** A value with as many digits as allowed, and one with too many, for the message: ['10.99', '10.999']. */
  readonly example: readonly [allowed: string, tooPrecise: string];
}

/**
 * A rule that a number has at most `places` digits after the decimal point, suggesting the nearest
 * values on either side. Digits are those of the number the service receives (see `decimalPlaces`).
 */
export function definePrecisionRule(definition: PrecisionRuleDefinition): Rule<Record<string, never>, 'tooPrecise' | 'useValue'> {
  const { path, places, example } = definition;
  const digits = spelledPlural(places, 'digit');
  // Only a number with too many digits is selected: one with few enough is never made an entry.
  const tooPrecise = (value: unknown): value is number => isFiniteNumber(value) && !hasAtMostDecimalPlaces(value, places);
  const judge = (entry: Located<number>, context: RuleContext<Record<string, never>, 'tooPrecise' | 'useValue'>) => {
    const [down, up] = roundingNeighbours(entry.value, places);
    context.report({
      path: entry.path,
      messageId: 'tooPrecise',
      data: { value: entry.value, down, up },
      suggestions: [down, up].map((choice) => ({
        messageId: 'useValue' as const,
        data: { value: choice },
        edits: [{ kind: 'replace' as const, path: entry.path, value: choice }],
      })),
    });
  };
  return defineRule({
    meta: {
      ...definition.meta,
      unknownValues: 'checked',
      hasSuggestions: true,
      messages: {
        tooPrecise: `\`${memberName(definition)}\` is {{value}}; it may have at most ${digits} after the decimal point (${example[0]}, not ${example[1]}). Use {{down}} or {{up}}.`,
        useValue: 'Use {{value}}.',
      },
    },
    defaultOptions: {},
    check(context) {
      forEachValueAt(context.request, path, tooPrecise, judge, context);
    },
  });
}

function memberName(definition: MemberRule): string {
  return definition.name ?? definition.path.split('[].').pop()!.split('.').slice(-2).join('.');
}

export interface ListLimitRuleDefinition {
  readonly meta: FactoryRuleMeta;
  /** Where the list sits, as a path pattern (`tags`). */
  readonly path: string;
  /** The most items allowed, or how to read it from the device profile (undefined: no limit). */
  readonly max: number | ((device: DeviceProfile) => number | undefined);
  /**
   * The message, with `{{count}}` (items in the list), `{{max}}`, `{{excess}}` (how many too many)
   * and `{{device}}` (the device profile's name).
   */
  readonly message: string;
  /** Where the report points: the list (`value`, the default) or its member name (`key`). */
  readonly target?: Target;
}

/** A rule that a list holds at most `max` items. */
export function defineListLimitRule(definition: ListLimitRuleDefinition): Rule<Record<string, never>, 'tooMany'> {
  const { path, target = 'value', max: limit } = definition;
  // With a limit of its own, only a list longer than it is selected; one read from the device profile is judged per request.
  const selected = typeof limit === 'number' ? (value: unknown): value is readonly unknown[] => isList(value) && value.length > limit : isList;
  const judge = (list: Located<readonly unknown[]>, context: RuleContext<Record<string, never>, 'tooMany'>) => {
    const max = typeof limit === 'number' ? limit : limit(context.device);
    const count = list.value.length;
    if (max !== undefined && count > max)
      context.report({ path: list.path, target, messageId: 'tooMany', data: { count, max, excess: count - max, device: context.device.name } });
  };
  return defineRule({
    meta: { ...definition.meta, unknownValues: 'checked', messages: { tooMany: definition.message } },
    defaultOptions: {},
    check(context) {
      forEachValueAt(context.request, path, selected, judge, context);
    },
  });
}
