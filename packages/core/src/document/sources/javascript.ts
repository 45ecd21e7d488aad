import { extname } from 'node:path';
import type { SourceKind } from '../types.js';
import { JAVASCRIPT_KIND_ID, mayHoldJavaScriptRequests, readJavaScript } from './javascript/program.js';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

/** AWS SDK for JavaScript calls (v2 and v3) in TypeScript and JavaScript modules. */
export const javascriptKind: SourceKind = {
  id: JAVASCRIPT_KIND_ID,
  description: 'SDK calls in TypeScript and JavaScript (*.ts, *.tsx, *.mts, *.cts, *.js, *.mjs, *.cjs, *.jsx)',
  patterns: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}'],
  claims: (filePath) => EXTENSIONS.includes(extname(filePath).toLowerCase()),
  mayHoldRequests: mayHoldJavaScriptRequests,
  read: readJavaScript,
};
