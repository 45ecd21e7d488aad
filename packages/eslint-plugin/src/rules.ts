import { isAccountRule, type AnyRule } from '@otalint/core';
import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import type { Diagnostic, TextEdit } from '@otalint/core/engine';
import { rules as catalogue } from '@otalint/rules';
import { enableRule, findingsOf } from './engine-run.js';

/** Each rule's docs URL is its otalint docs page. */
const createRule = ESLintUtils.RuleCreator((name) => catalogue[name]?.docsUrl ?? name);

type Options = [Record<string, unknown>];

/** An ESLint rule that reports one otalint rule's findings on the file's CreateOTAUpdate calls. */
function eslintRule(rule: AnyRule): TSESLint.RuleModule<string, Options> {
  const { meta } = rule;
  return createRule<Options, string>({
    name: meta.id,
    meta: {
      type: meta.defaultSeverity === 'error' ? 'problem' : 'suggestion',
      docs: { description: meta.description },
      // The engine fills otalint's own templates; ESLint shows the finished message.
      messages: Object.fromEntries(Object.keys(meta.messages).map((id) => [id, '{{ message }}'])),
      schema: meta.optionsSchema ? [meta.optionsSchema as never] : [],
      ...(meta.fixable ? { fixable: 'code' as const } : {}),
      ...(meta.hasSuggestions ? { hasSuggestions: true } : {}),
    },
    defaultOptions: [(rule.defaultOptions ?? {}) as Record<string, unknown>],
    create(context, [options]) {
      const { sourceCode } = context;
      enableRule(sourceCode, meta.id, options);
      return {
        'Program:exit'() {
          for (const finding of findingsOf(sourceCode, context.filename, meta.id)) report(context, finding);
        },
      };
    },
  });
}

function report(context: Readonly<TSESLint.RuleContext<string, Options>>, finding: Diagnostic): void {
  const { sourceCode } = context;
  const loc = { start: sourceCode.getLocFromIndex(finding.offset), end: sourceCode.getLocFromIndex(finding.offset + finding.length) };
  const messageId = finding.messageId ?? Object.keys(catalogue[finding.ruleId]?.meta.messages ?? {})[0] ?? 'finding';
  const edits = (list: readonly TextEdit[]) => (fixer: TSESLint.RuleFixer) =>
    list.map((edit) => fixer.replaceTextRange([edit.offset, edit.offset + edit.length], edit.text));
  context.report({
    loc,
    messageId,
    data: { message: finding.message },
    ...(finding.fix ? { fix: edits(finding.fix.edits) } : {}),
    ...(finding.suggestions?.length
      ? {
          suggest: finding.suggestions.map((suggestion) => ({
            messageId: suggestion.messageId ?? messageId,
            data: { message: suggestion.message },
            fix: edits(suggestion.fix.edits),
          })),
        }
      : {}),
  });
}

/** Every otalint rule, as an ESLint rule of the same name; deep checks (account rules) need `otalint lint --deep`. */
export const eslintRules: Record<string, TSESLint.RuleModule<string, Options>> = Object.fromEntries(
  Object.values(catalogue)
    .filter((rule) => !isAccountRule(rule))
    .map((rule) => [rule.meta.id, eslintRule(rule)]),
);
