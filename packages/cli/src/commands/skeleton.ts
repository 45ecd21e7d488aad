import { readCoreSchemaFile } from '../core-schema.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { parseCommandLine } from '../options.js';
import { buildSkeleton, type SchemaNode } from '../skeleton/build.js';
import { renderJson, renderYaml } from '../skeleton/render.js';
import type { CommandIO } from './types.js';

export const SKELETON_HELP = `Usage: otalint skeleton [input | yaml-input | output]

Prints what \`aws iot create-ota-update --generate-cli-skeleton\` prints, without the AWS CLI:
  input       (default) a request for --cli-input-json: every member, in the API's order,
              with a placeholder of its type ("" , 0, 0.0, the first enum value, null for blobs)
  yaml-input  the same for --cli-input-yaml (CLI v2), each member commented with [REQUIRED],
              its description and its valid values
  output      the response CreateOTAUpdate returns, strings filled with member names
Generated from the AWS IoT API model otalint checks against (see \`otalint --version\`).

Options:
  -h, --help   Show this help`;

const KINDS = ['input', 'yaml-input', 'output'] as const;
type Kind = (typeof KINDS)[number];

interface SkeletonModel {
  readonly blobShapes: readonly string[];
  readonly output: SchemaNode;
}

export async function skeletonCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { help: { type: 'boolean', short: 'h' } }, 'skeleton');
  if (values.help) {
    io.stdout(`${SKELETON_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError('`otalint skeleton` takes one of: input, yaml-input, output.');
  const kind = positionals[0] ?? 'input';
  if (!(KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`Unknown skeleton "${kind}"; use one of: ${KINDS.join(', ')}.`);
  }
  io.stdout(await skeletonText(kind as Kind));
  return EXIT.ok;
}

export async function skeletonText(kind: Kind): Promise<string> {
  const model = await readCoreSchemaFile<SkeletonModel>('create-ota-update.skeleton.json');
  if (kind === 'output') return renderJson(buildSkeleton(model.output, { useMemberNames: true }));
  const request = await readCoreSchemaFile<SchemaNode>('create-ota-update.schema.json');
  const skeleton = buildSkeleton(request, { blobShapes: new Set(model.blobShapes) });
  return kind === 'input' ? renderJson(skeleton) : renderYaml(skeleton);
}
