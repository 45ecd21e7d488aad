/**
 * @otalint/core/engine: reading files into requests, config, running rules, suppressions and
 * fingerprints. The CLI, the language server and library users drive otalint through this; rule
 * authors need only `@otalint/core`.
 */
export type { Diagnostic, FileResult, Fix, LintedRequest, SourceRange, Suggestion, SuppressedDiagnostic, SuppressionInfo, TextEdit } from './diagnostic.js';
export { FILE_START, RESERVED_RULE_IDS } from './diagnostic.js';

export type { DocumentFormat, ParseProblem, ReadContext, RequestDocument, SourceDocument, SourceKind, Span, ValueSyntax } from './document/types.js';
export { BUILTIN_SOURCE_KINDS, SourceKinds, jsonKind, prepareSource, readSource, yamlKind } from './document/source-kinds.js';
export { sourceTextFrom } from './document/request-text.js';
export { readJavaScriptProgram } from './document/sources/javascript/program.js';
export { decodeText, fromText, readTextFile, type SourceText } from './document/decode.js';
export { LIMITS } from './document/limits.js';
export { describeThrown } from './util/thrown.js';
export { FEW_REQUESTS_V8_FLAGS, LARGE_RUN_V8_FLAGS, SHELL_PARSER_V8_FLAGS, runtimeV8Flags, setV8Flags } from './util/v8-flags.js';
export { FolderPaths } from './util/folder-paths.js';
export { LineIndex } from './document/line-index.js';
export { UnknownValue, containsUnknown, isOpen, isUnknown, markOpen, openSources, unknownValue, type UnknownReason } from './value/unknown.js';
export { isOnKnownGround } from './value/known-ground.js';
export { decodeValue, encodeValue } from './value/codec.js';
export { MODEL_SCHEMA, MODEL_VERSION } from './schema/model-check.js';
export { displayPath, schemaAt, type SchemaNode } from './schema/model-format.js';
export { fromJsonPointer, getAtPath, toJsonPointer } from './util/json-pointer.js';

export { ConfigError, SEVERITY_NAMES, toSeverity, type ConfigObject, type Plugin, type RuleSetting, type SeverityName } from './config/types.js';
export { CONFIG_FILE_NAMES, findConfigFile, loadConfig, type LoadConfigOptions } from './config/load-config.js';
export { ResolvedConfig, withDefaults } from './config/resolved-config.js';
export { BUILTIN_NAMESPACE } from './config/normalize.js';
export { DEFAULT_DEVICE_PROFILE, DEVICE_PROFILES, deviceProfile, type DeviceProfile, type DeviceProfileName } from './device/profiles.js';

export { Linter, unreadableResult, type LinterOptions } from './linter/linter.js';
export { MAX_FINDINGS_PER_KIND, byPosition, lintDocument, type ActiveRule, type LintOptions } from './linter/lint-document.js';
export { fileResult, summarize, type FileResultParts } from './linter/file-result.js';
export { DEFAULT_RULE_TIMEOUT_MS } from './linter/rule-budget.js';
export { RuleTimer, type RuleTime } from './linter/rule-timing.js';
export { runAccountRules, type AccountStepOptions, type CheckedFile } from './linter/account-step.js';
export { isAccountRule } from './rules/define-rule.js';
export { applyFixes, type FixOutcome } from './linter/apply-fixes.js';
export { lintRun, type RunSetup } from './linter/lint-run.js';
export { LocalFilesForRequest, type LocalFileMaps } from './local/local-files.js';

export { FINGERPRINT_KEY, canonicalJson, fingerprintMessages, identityHash } from './fingerprint.js';
export { nodeCrypto } from './util/node-crypto.js';
export { pointerCovers, type Suppression } from './suppressions/types.js';
export {
  ENGINE_DOCS_BASE_URL,
  RESERVED_IDS,
  SUPPRESSIBLE_RESERVED_IDS,
  SUPPRESSION_RULE_IDS,
  applyReservedSettings,
  isSuppressibleId,
  reservedId,
  type ReservedId,
} from './reserved-ids.js';
export { applySuppressions, type SuppressionOutcome, type SuppressionScope } from './suppressions/apply.js';
export { readDisableComments, type DisableComment } from './suppressions/comments.js';
export { suppressionScopeFor, utcToday } from './suppressions/scope.js';
export { SuppressionUsage, unusedSuppressionsResult } from './suppressions/usage.js';
