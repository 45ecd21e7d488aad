#!/usr/bin/env node
// The floor no linter can go below: one Node process that reads each JSON file under the paths it
// is given (folders walked with readdir) and JSON.parse-s it. Prints the number of files read.
// CommonJS: it starts without the ES module loader, as the otalint binary does.
//
//   node bench/floor.cjs <file or folder>...
'use strict';
const { readFileSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

let count = 0;
const parse = (file) => {
  JSON.parse(readFileSync(file, 'utf8'));
  count++;
};
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(child);
    else if (entry.name.endsWith('.json')) parse(child);
  }
};
for (const target of process.argv.slice(2)) (statSync(target).isDirectory() ? walk : parse)(target);
console.log(count);
