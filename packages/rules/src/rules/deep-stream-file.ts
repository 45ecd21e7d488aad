import { childObject, defineAccountRule, fileEntries, isFiniteNumber } from '@otalint/core';
import { quote, stringAt } from '../deep/request-values.js';

const STREAM_ID = /^[a-zA-Z0-9_-]{1,128}$/;

export default defineAccountRule({
  meta: {
    id: 'deep-stream-file',
    description: 'With `--deep`: the IoT stream a file names (`fileLocation.stream.streamId`) exists and holds its `fileId`.',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      streamMissing: 'IoT stream "{{streamId}}" does not exist in {{region}} ({{error}}). Create it (aws iot create-stream), or correct the stream id.',
      fileMissing:
        'IoT stream "{{streamId}}" holds no file {{fileId}}; it holds {{held}}. Use one of those fileIds, or add the file to the stream (aws iot update-stream).',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    for (const file of fileEntries(context.request)) {
      const location = childObject(file, 'fileLocation');
      const stream = location && childObject(location, 'stream');
      const streamId = stringAt(stream, 'streamId');
      if (!stream || !streamId || !STREAM_ID.test(streamId.value)) continue;
      const found = await context.account.stream(context.region, streamId.value);
      if (found.status === 'unavailable') context.cannotCheck(streamId.path, `that IoT stream "${streamId.value}" exists`, found);
      else if (found.status === 'missing') {
        context.report({
          path: streamId.path,
          messageId: 'streamMissing',
          data: { streamId: streamId.value, region: context.region ?? 'the region', error: quote(found.error) },
        });
      } else {
        const fileId = stream.value.fileId;
        if (!isFiniteNumber(fileId) || found.value.fileIds.includes(fileId)) continue;
        const held = found.value.fileIds.length === 0 ? 'no files' : `fileId ${found.value.fileIds.join(', ')}`;
        context.report({ path: [...stream.path, 'fileId'], messageId: 'fileMissing', data: { streamId: streamId.value, fileId, held } });
      }
    }
  },
});
