export type {
  Diagnostic,
  FileResult,
  Fix,
  JsonPath,
  Severity,
  SourceRange,
  Suggestion,
  SuppressedDiagnostic,
  SuppressionInfo,
  Target,
  TextEdit,
  ValueEdit,
} from './diagnostic.js';
export { RESERVED_RULE_IDS } from './diagnostic.js';
export type { OtaUpdateFile, OtaUpdateRequest } from './request.js';

export type { DocumentFormat, ParseProblem, RequestDocument, Span } from './document/types.js';
export { formatOf, readDocument } from './document/load.js';

export {
  DOCS_BASE_URL,
  defineRule,
  formatMessage,
  type AnyRule,
  type Certainty,
  type OptionsSchema,
  type Report,
  type Rule,
  type RuleCategory,
  type RuleContext,
  type RuleDefinition,
  type RuleMeta,
} from './rules/define-rule.js';
export { awsApiModel } from './rules/aws-api-model.js';

export { ConfigError, SEVERITY_NAMES, toSeverity, type ConfigObject, type Plugin, type RuleSetting, type SeverityName } from './config/types.js';
export { CONFIG_FILE_NAMES, findConfigFile, loadConfig, type LoadConfigOptions } from './config/load-config.js';
export { ResolvedConfig } from './config/resolved-config.js';
export { BUILTIN_NAMESPACE } from './config/normalize.js';

export { Linter, type LinterOptions } from './linter/linter.js';
export { lintDocument, summarize, type ActiveRule, type LintOptions } from './linter/lint-document.js';
export { applyFixes, type FixOutcome } from './linter/apply-fixes.js';

export { fromJsonPointer, getAtPath, toJsonPointer } from './util/json-pointer.js';
export { closest } from './util/did-you-mean.js';
export { MODEL_VERSION } from './schema/model-check.js';
export { ACCOUNT_ID, PARTITIONS, REGION, isPartition, parseArn, type Arn } from './util/arn.js';
export { decimalPlaces, roundingNeighbours } from './util/decimals.js';
export { PRESET_NAMES, type PresetName } from './rules/define-rule.js';
export { isFiniteNumber, isObject, isString, listEntries } from './util/guards.js';
export { compareToRange, type NumericRange } from './util/range.js';
export { abortCriteriaEntries, duplicatesBy, tagEntries, targetEntries, type Located } from './util/request-lists.js';
export { childObject, fileEntries } from './util/files.js';
export {
  SIGNING_METHODS,
  certificateKeyAlgorithm,
  certificateLabel,
  certificateValidity,
  decodeBase64Strictly,
  looksBase64Encoded,
  parseDerEcdsaSignature,
  pemLabel,
  readCertificateChain,
  signingParts,
  type Base64Problem,
  type Base64Result,
  type CertificateChainResult,
  type FileSigningPart,
  type SigningMethod,
} from './util/signing.js';
export { FINGERPRINT_KEY, canonicalJson, fingerprintMessages, identityHash } from './fingerprint.js';
export { SUPPRESSION_RULE_IDS, SUPPRESSIBLE_RESERVED_IDS, isSuppressibleId, pointerCovers, type Suppression } from './suppressions/types.js';
export { applySuppressions, type SuppressionOutcome, type SuppressionScope } from './suppressions/apply.js';
export { readDisableComments, type DisableComment } from './suppressions/comments.js';
export { suppressionScopeFor, utcToday } from './suppressions/scope.js';
export { SuppressionUsage, unusedSuppressionsResult } from './suppressions/usage.js';
export { arnShapeProblem, type ArnShape } from './util/arn-shape.js';
export { IOT_TARGET_NAME, iotTargetProblem, parseIotTarget, type IotTarget } from './util/iot-target.js';
export type { SchemaNode } from './schema/schema-node.js';
