import { extname } from 'node:path';
import type { SourceKind } from '../types.js';

/** A kind that claims the files with these extensions (lower case, `.json`), in any letter case, and no other. */
export function byExtension(...extensions: string[]): Pick<SourceKind, 'claims' | 'extensions'> {
  return { extensions, claims: (filePath) => extensions.includes(extname(filePath).toLowerCase()) };
}
