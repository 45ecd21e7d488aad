import { UsageError } from '../exit-codes.js';
import type { Formatter } from './types.js';

/** Formatters load on demand, so a run pays only for the one it prints. */
const FORMATTERS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  junit: async () => (await import('./junit.js')).junit,
  github: async () => (await import('./github.js')).github,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

export async function loadFormatter(name: string): Promise<Formatter> {
  const load = FORMATTERS[name];
  if (!load) throw new UsageError(`Unknown format "${name}"; use one of: ${FORMAT_NAMES.join(', ')}.`);
  return load();
}
