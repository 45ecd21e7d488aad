export { main, processIO } from './bin.js';
export { EXIT } from './exit-codes.js';
export { toJsonReport, JSON_REPORT_VERSION, type JsonReport } from './formatters/json.js';
export { discover } from './discover.js';
