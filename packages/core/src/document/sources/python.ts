import type { SourceKind } from '../types.js';
import { byExtension } from './by-extension.js';
import { preparePython } from './python/parse.js';
import { mayHoldPythonRequests, PYTHON_KIND_ID, readPython } from './python/program.js';

/** boto3 `create_ota_update(...)` calls in Python modules. */
export const pythonKind: SourceKind = {
  id: PYTHON_KIND_ID,
  description: 'boto3 calls in Python (*.py)',
  patterns: ['**/*.py'],
  ...byExtension('.py'),
  mayHoldRequests: mayHoldPythonRequests,
  prepare: preparePython,
  // A module that cannot name the call is read without the parser.
  needsPrepare: mayHoldPythonRequests,
  read: readPython,
};
