import { extname } from 'node:path';
import { readJsonDocument } from './json-document.js';
import { readYamlDocument } from './yaml-document.js';
import type { DocumentFormat, RequestDocument } from './types.js';

/** The format a file name implies; files without a known extension are sniffed. */
export function formatOf(filePath: string, text?: string): DocumentFormat {
  const extension = extname(filePath).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  const first = text?.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/** Read a request from text. Never throws on the text's content. */
export function readDocument(filePath: string, text: string, format = formatOf(filePath, text)): RequestDocument {
  return format === 'json' ? readJsonDocument(filePath, text) : readYamlDocument(filePath, text);
}
