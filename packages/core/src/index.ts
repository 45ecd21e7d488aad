/**
 * @otalint/core: the API for rule and plugin authors. Rules get the request as a plain value
 * (`RequestValue`), check it with the guards and helpers here, and report by path. The engine
 * (reading files, config, running rules, suppressions) is `@otalint/core/engine`.
 */
export type { JsonPath, Severity, Target, ValueEdit } from './diagnostic.js';
export type { Mistyped, OtaUpdateFile, OtaUpdateRequest, RequestValue, Untrusted, UntrustedObject } from './request.js';
export type { ValueSyntax } from './document/types.js';
export { hasKnownPrefix, isFullyKnown, isOpen, isUnknown, openSources, type UnknownValue } from './value/unknown.js';

export {
  DOCS_BASE_URL,
  PRESET_NAMES,
  defineAccountRule,
  defineRule,
  defineSourceRule,
  isAccountRule,
  formatMessage,
  type AccountRule,
  type AccountRuleContext,
  type AccountRuleDefinition,
  type AnyRule,
  type Certainty,
  type OptionsSchema,
  type PresetName,
  type Report,
  type Rule,
  type RuleCategory,
  type RuleContext,
  type RuleDefinition,
  type RuleMeta,
  type RunContext,
  type RunRequest,
} from './rules/define-rule.js';
export {
  defineListLimitRule,
  definePrecisionRule,
  defineRangeRule,
  type FactoryRuleMeta,
  type ListLimitRuleDefinition,
  type PrecisionRuleDefinition,
  type RangeRuleDefinition,
} from './rules/factories.js';
export { awsApiModel } from './rules/aws-api-model.js';
export type { ConfigObject, DeviceSetting, Plugin, RuleSetting, SeverityName } from './config/types.js';
export type { LocalFile, LocalFiles, LocalRead } from './local/local-files.js';
export { DEFAULT_DEVICE_PROFILE, DEVICE_PROFILES, deviceProfile, type DeviceProfile, type DeviceProfileName } from './device/profiles.js';
export type {
  AwsAccount,
  AwsError,
  BucketFacts,
  CertificateFacts,
  Found,
  Lookup,
  Missing,
  ObjectFacts,
  OtaUpdateFacts,
  PermissionAnswer,
  PermissionQuestion,
  PermissionVerdict,
  PolicyDocument,
  RoleFacts,
  SigningJobFacts,
  SigningProfileFacts,
  StreamFacts,
  Unavailable,
} from './account/types.js';
export { DELETE_MARKER } from './account/types.js';
export { requestRegion } from './util/request-region.js';
export { evaluatePolicies, trustAllowsService, withBoundary, type NamedPolicy, type PolicyEvaluation } from './util/iam-policy.js';

export { fromJsonPointer, getAtPath, toJsonPointer } from './util/json-pointer.js';
export { closest, didYouMean } from './util/did-you-mean.js';
export { MODEL_VERSION } from './schema/model-check.js';
export type { SchemaNode } from './schema/schema-node.js';
export { ACCOUNT_ID, PARTITIONS, REGION, isPartition, parseArn, type Arn } from './util/arn.js';
export { decimalPlaces, roundingNeighbours } from './util/decimals.js';
export { isFiniteNumber, isList, isObject, isString, listEntries } from './util/guards.js';
export { compareToRange, type NumericRange } from './util/range.js';
export { abortCriteriaEntries, duplicatesBy, fileEntries, tagEntries, targetEntries } from './util/request-lists.js';
export { childObject, isAbsent, isPresent, objectAt, objectsAt, valuesAt, type Located, type LocatedObject } from './util/select.js';
export { joinWords, plural, spelledPlural } from './util/words.js';
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
  mayUseSigningMethod,
  type Base64Problem,
  type Base64Result,
  type CertificateChainResult,
  type FileSigningPart,
  type SigningMethod,
} from './util/signing.js';
export { nodeCrypto } from './util/node-crypto.js';
export { arnPrefixProblem, arnShapeProblem, rightArnPattern, unanchored, type ArnShape } from './util/arn-shape.js';
export { IOT_TARGET_NAME, iotTargetPrefixProblem, iotTargetProblem, parseIotTarget, readTargets, type IotTarget, type ReadTarget } from './util/iot-target.js';
