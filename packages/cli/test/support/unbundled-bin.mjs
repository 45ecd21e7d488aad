// The CLI as tsc built it (dist/bin.js and the modules it imports), not the bundle bin/otalint.cjs
// runs: for tests that trace which modules a command loads, which the bundle inlines.
import { runProcess } from '../../dist/bin.js';

await runProcess(process.argv.slice(2));
