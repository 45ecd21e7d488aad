import type { SchemaNode } from '../../../schema/schema-node.js';
import { requestSchema } from '../../../schema/generated/validate-request.js';

/** How the AWS CLI reads a parameter's words (awscli/argprocess.py, by the member's shape). */
export type ParameterKind = 'string' | 'string-list' | 'structure' | 'map' | 'structure-list';

export interface CliParameter {
  /** `--ota-update-id` */
  readonly option: string;
  /** `otaUpdateId` */
  readonly member: string;
  readonly kind: ParameterKind;
  readonly schema: SchemaNode;
  readonly required: boolean;
}

/** botocore's member name to the CLI's option name: `awsJobAbortConfig` → `--aws-job-abort-config`. */
function optionName(member: string): string {
  return `--${member.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

export function isMapSchema(schema: SchemaNode | undefined): boolean {
  return schema?.type === 'object' && typeof schema.additionalProperties === 'object' && schema.properties === undefined;
}

function kindOf(schema: SchemaNode): ParameterKind {
  if (schema.type === 'array') return schema.items?.type === 'object' || schema.items?.type === 'array' ? 'structure-list' : 'string-list';
  if (schema.type === 'object') return isMapSchema(schema) ? 'map' : 'structure';
  return 'string';
}

const root = requestSchema as SchemaNode;
const required = new Set<string>((root.required as string[] | undefined) ?? []);

/** The parameters of `aws iot create-ota-update`, from the API model, in the model's order. */
export const CLI_PARAMETERS: readonly CliParameter[] = Object.entries(root.properties ?? {}).map(([member, schema]) => ({
  option: optionName(member),
  member,
  kind: kindOf(schema),
  schema,
  required: required.has(member),
}));

export const PARAMETER_BY_OPTION: ReadonlyMap<string, CliParameter> = new Map(CLI_PARAMETERS.map((parameter) => [parameter.option, parameter]));

/** The command's own options besides the parameters. */
export const INPUT_OPTIONS = ['--cli-input-json', '--cli-input-yaml'] as const;
export const SKELETON_OPTION = '--generate-cli-skeleton';

/** The AWS CLI's global options (v1 and v2), which may stand anywhere on the command line. */
export const GLOBAL_OPTIONS_WITH_VALUE = new Set([
  '--endpoint-url',
  '--output',
  '--query',
  '--profile',
  '--region',
  '--color',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
  '--cli-binary-format',
]);
export const GLOBAL_FLAGS = new Set([
  '--debug',
  '--no-verify-ssl',
  '--no-paginate',
  '--no-sign-request',
  '--no-cli-pager',
  '--cli-auto-prompt',
  '--no-cli-auto-prompt',
  '--v2-debug',
]);

/** Every option name `create-ota-update` accepts, for "did you mean". */
export const KNOWN_OPTIONS: readonly string[] = [
  ...CLI_PARAMETERS.map((parameter) => parameter.option),
  ...INPUT_OPTIONS,
  SKELETON_OPTION,
  ...GLOBAL_OPTIONS_WITH_VALUE,
  ...GLOBAL_FLAGS,
];
