import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The docs page of a built-in rule (shipped in @otalint/rules as docs/<id>.md) or of an id the
 * engine reports itself (in @otalint/core); undefined for plugin rules and when absent.
 */
export async function readDocsPage(id: string, engine: boolean): Promise<string | undefined> {
  if (id.includes('/')) return undefined;
  try {
    const manifest = createRequire(import.meta.url).resolve(`${engine ? '@otalint/core' : '@otalint/rules'}/package.json`);
    return await readFile(path.join(path.dirname(manifest), 'docs', `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** A section of a docs page (`## Why`), its text without the heading; undefined when absent. */
export function docsSection(page: string, heading: string): string | undefined {
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start < 0) return undefined;
  const body = page.slice(start + heading.length + 5);
  const end = body.search(/\n## /);
  return (end < 0 ? body : body.slice(0, end)).trim() || undefined;
}
