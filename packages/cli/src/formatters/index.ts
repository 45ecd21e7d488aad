import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../exit-codes.js';
import type { Formatter } from './types.js';

/** Formatters load on demand, so a run pays only for the one it prints. */
const FORMATTERS: Readonly<Record<string, () => Promise<Formatter>>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  junit: async () => (await import('./junit.js')).junit,
  github: async () => (await import('./github.js')).github,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

/**
 * A built-in formatter by name, or (as in ESLint) a module by path: `-f ./my-formatter.mjs`,
 * resolved from the working directory, whose default export is `(results, context) => string`.
 */
export async function loadFormatter(name: string, cwd: string): Promise<Formatter> {
  if (Object.hasOwn(FORMATTERS, name)) return FORMATTERS[name]!();
  if (!/[\\/]|\.[cm]?js$/.test(name))
    throw new UsageError(`Unknown format "${name}"; use one of: ${FORMAT_NAMES.join(', ')}, or the path of a formatter module (./my-formatter.mjs).`);
  const file = path.resolve(cwd, name);
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new UsageError(`Cannot load the formatter ${name}: ${(error as Error).message}`);
  }
  const format = loaded.default;
  if (typeof format !== 'function') throw new UsageError(`The formatter ${name} has no default export function (results, context) => string.`);
  return (results, context) => {
    const text = (format as Formatter)(results, context);
    if (typeof text !== 'string') throw new UsageError(`The formatter ${name} returned ${typeof text}, not a string.`);
    return text;
  };
}
