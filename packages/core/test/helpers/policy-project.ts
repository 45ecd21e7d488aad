import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../../src/diagnostic.js';
import { ConfigError, type Plugin } from '../../src/config/types.js';
import { Linter } from '../../src/linter/linter.js';
import { readJsonDocument } from '../../src/document/json-document.js';
import type { SourceDocument } from '../../src/document/types.js';
import { containsUnknown, markOpen, unknownValue } from '../../src/value/unknown.js';

/** No built-in rules: only the config's policies report. */
export const NO_RULES: Plugin = { meta: { name: 'otalint', version: '0.0.0' }, configs: {} };

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder holding `files` (paths may have folders); removed at exit. */
export function projectDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-policies-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A linter over a `.otalintrc.json` holding `config`. */
export async function linterFor(config: unknown, files: Record<string, string> = {}, builtins: Plugin = NO_RULES): Promise<Linter> {
  const cwd = projectDir({ '.otalintrc.json': JSON.stringify(config), ...files });
  return Linter.create({ cwd, builtins });
}

/** What loading `config` fails with. */
export async function configError(config: unknown, files: Record<string, string> = {}): Promise<ConfigError> {
  try {
    await linterFor(config, files);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(config)}`);
}

/** A message as tests compare it: rule, message and range (1-based, end exclusive). */
export function shown(message: Diagnostic): string {
  return `${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.ruleId} ${message.message}`;
}

/** A request the API model accepts, to vary. */
export function goodRequest(): Record<string, unknown> {
  return {
    otaUpdateId: 'prod-fw-1',
    targets: ['arn:aws:iot:eu-west-1:111122223333:thinggroup/sensors'],
    files: [{ fileName: 'fw.bin', fileLocation: { stream: { streamId: 's1', fileId: 0 } }, codeSigning: { awsSignerJobId: 'job-1' } }],
    roleArn: 'arn:aws:iam::111122223333:role/ota',
  };
}

/**
 * JSON where a string "$NAME" stands for a value known only at run time (a variable) and a member
 * "...": "<source>" makes its object open (a spread), the way code and script sources read.
 */
export function readWithUnknowns(filePath: string, text: string): SourceDocument {
  const document = readJsonDocument(filePath, text);
  const requests = document.requests.map((request) => {
    const value = withUnknowns(request.value);
    return { ...request, value, hasUnknowns: containsUnknown(value) };
  });
  return { ...document, requests };
}

function withUnknowns(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('$')) return unknownValue(value, 'variable');
  if (Array.isArray(value)) {
    const items = value.filter((item) => item !== '...').map(withUnknowns);
    return items.length < value.length ? markOpen(items, ['...more']) : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) if (key !== '...') out[key] = withUnknowns(child);
    return '...' in value ? markOpen(out, ['...rest']) : out;
  }
  return value;
}
