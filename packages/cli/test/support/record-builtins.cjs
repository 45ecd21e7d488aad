// Loaded with `node --require`: at exit, writes the Node built-in modules the process loaded (one
// a line) into the file named by OTALINT_RECORD_BUILTINS, so a test can prove which ones a run needs.
'use strict';
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const builtins = process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
  writeFileSync(process.env.OTALINT_RECORD_BUILTINS, `${builtins.join('\n')}\n`);
});
