// Loaded with `node --import`: records every module the process resolves, by URL, into the file
// named by OTALINT_TRACE_IMPORTS, so a test can prove which packages a command loads: ES modules
// through a resolve hook, CommonJS ones (the bundled CLI's entry, anything it requires) through
// Module._resolveFilename.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.OTALINT_TRACE_IMPORTS ?? '';
register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
const file = ${JSON.stringify(file)};
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (file) appendFileSync(file, resolved.url + '\\n');
  return resolved;
}`)}`,
);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const resolved = resolveFilename.apply(this, args);
  if (file) appendFileSync(file, `${resolved.includes(':') ? resolved : pathToFileURL(resolved).href}\n`);
  return resolved;
};
