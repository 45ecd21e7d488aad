import type { SourceKind } from '../types.js';
import { byExtension } from './by-extension.js';
import { JAVASCRIPT_KIND_ID, mayHoldJavaScriptRequests, readJavaScript } from './javascript/program.js';

/** AWS SDK for JavaScript calls (v2 and v3) in TypeScript and JavaScript modules. */
export const javascriptKind: SourceKind = {
  id: JAVASCRIPT_KIND_ID,
  description: 'SDK calls in TypeScript and JavaScript (*.ts, *.tsx, *.mts, *.cts, *.js, *.mjs, *.cjs, *.jsx)',
  patterns: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}'],
  ...byExtension('.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'),
  mayHoldRequests: mayHoldJavaScriptRequests,
  read: readJavaScript,
};
