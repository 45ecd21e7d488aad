import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-stream-file.js';
import { memoryAccount } from './support/account.js';
import { requestText, THING } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const code = requestText({ targets: [THING], files: [{ fileLocation: { stream: { streamId: 'fw_stream', fileId: 2 } } }] });

testAccountRule(rule, {
  valid: [{ name: 'the stream holds the file', code, account: memoryAccount({ streams: { fw_stream: [0, 2] } }) }],
  invalid: [
    {
      name: 'no such stream',
      code,
      account: memoryAccount({}),
      errors: [
        {
          message:
            'IoT stream "fw_stream" does not exist in us-east-1 (ResourceNotFoundException: The specified resource does not exist). Create it (aws iot create-stream), or correct the stream id.',
          ...rangeOfValue(code, 'streamId'),
          path: '/files/0/fileLocation/stream/streamId',
        },
      ],
    },
    {
      name: 'the stream lacks the fileId',
      code,
      account: memoryAccount({ streams: { fw_stream: [0, 1] } }),
      errors: [
        {
          message:
            'IoT stream "fw_stream" holds no file 2; it holds fileId 0, 1. Use one of those fileIds, or add the file to the stream (aws iot update-stream).',
          ...rangeOfValue(code, 'fileId'),
          path: '/files/0/fileLocation/stream/fileId',
        },
      ],
    },
    {
      name: 'access denied',
      code,
      account: memoryAccount({ denied: ['iot:DescribeStream'] }),
      errors: [
        {
          message:
            'Could not check that IoT stream "fw_stream" exists: AccessDenied: User is not authorized to perform: iot:DescribeStream; the credentials need iot:DescribeStream.',
          severity: 'info',
          ...rangeOfValue(code, 'streamId'),
        },
      ],
    },
  ],
});
