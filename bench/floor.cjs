#!/usr/bin/env node
// The floor no linter can go below: one Node process that reads each JSON file under the paths it
// is given (folders walked with readdir, dot folders too) and JSON.parse-s it. With --all, it reads
// every file (the floor for a repository of mixed files: reading them is what no linter can skip),
// and still parses the JSON ones. Prints the number of files read.
// CommonJS: it starts without the ES module loader, as the otalint binary does.
//
//   node bench/floor.cjs [--all] <file or folder>...
'use strict';
const { readFileSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const all = args[0] === '--all';
let count = 0;
const read = (file) => {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) JSON.parse(text);
  count++;
};
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(child);
    else if (all || entry.name.endsWith('.json')) read(child);
  }
};
for (const target of all ? args.slice(1) : args) (statSync(target).isDirectory() ? walk : read)(target);
console.log(count);
