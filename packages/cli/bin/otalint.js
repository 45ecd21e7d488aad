#!/usr/bin/env node
import { runProcess } from '../dist/bin.js';

await runProcess(process.argv.slice(2));
