import { extname } from 'node:path';
import type { SourceKind } from '../types.js';
import { mayHoldPythonRequests, PYTHON_KIND_ID, readPython } from './python/program.js';

/** boto3 `create_ota_update(...)` calls in Python modules. */
export const pythonKind: SourceKind = {
  id: PYTHON_KIND_ID,
  description: 'boto3 calls in Python (*.py)',
  patterns: ['**/*.py'],
  claims: (filePath) => extname(filePath).toLowerCase() === '.py',
  mayHoldRequests: mayHoldPythonRequests,
  read: readPython,
};
