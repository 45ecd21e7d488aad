// Loaded with `node --require`: records every v8.setFlagsFromString call (one flag string a line)
// into the file named by OTALINT_RECORD_V8_FLAGS, so a test can prove what a run tells V8.
'use strict';
const { appendFileSync } = require('node:fs');
const v8 = require('node:v8');

const setFlagsFromString = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  appendFileSync(process.env.OTALINT_RECORD_V8_FLAGS, `${flags}\n`);
  return setFlagsFromString(flags);
};
require('node:module').syncBuiltinESMExports();
