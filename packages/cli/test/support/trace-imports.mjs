// Loaded with `node --import`: records every module URL the process resolves into the file named by
// OTALINT_TRACE_IMPORTS, so a test can prove which packages a command loads.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
const file = ${JSON.stringify(process.env.OTALINT_TRACE_IMPORTS ?? '')};
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (file) appendFileSync(file, resolved.url + '\\n');
  return resolved;
}`)}`,
);
