import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * A file generated from the AWS API model (scripts/generate-schema.mjs) that ships in
 * @otalint/core's schema/ folder: the request schema, the skeleton model, the members' docs.
 */
export async function readCoreSchemaFile<T>(name: string): Promise<T> {
  const manifest = createRequire(import.meta.url).resolve('@otalint/core/package.json');
  return JSON.parse(await readFile(path.join(path.dirname(manifest), 'schema', name), 'utf8')) as T;
}
