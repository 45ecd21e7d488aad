import { childObject, defineRule, fileEntries, isFullyKnown, isObject, isString } from '@otalint/core';

/**
 * HTTP delivery hands devices pre-signed S3 URLs; an IoT stream is what MQTT delivery reads. A
 * stream source with HTTP as the only protocol is therefore suspicious (inferred: a warning).
 */
export default defineRule({
  meta: {
    id: 'http-stream-location',
    description: 'A file read from an IoT stream is delivered over MQTT: warn when `protocols` is HTTP only.',
    category: 'protocols',
    unknownValues: 'checked',
    needs: ['files[].fileLocation.stream'],
    defaultSeverity: 'warning',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      httpOnly:
        'This file comes from IoT stream{{stream}}, but `protocols` is HTTP only; HTTP delivers through pre-signed S3 URLs, and a stream is read over MQTT. Use `s3Location` for HTTP, or add "MQTT" to `protocols`.',
    },
  },
  defaultOptions: {},
  check(context) {
    const { protocols } = context.request as { protocols?: unknown };
    // A protocol known only at run time, or a spread, may be MQTT.
    if (!Array.isArray(protocols) || protocols.length === 0 || !isFullyKnown(protocols)) return;
    if (!protocols.every((protocol) => isString(protocol) && protocol.toUpperCase() === 'HTTP')) return;
    for (const file of fileEntries(context.request)) {
      const location = childObject(file, 'fileLocation');
      const stream = location?.value.stream;
      if (!location || !isObject(stream)) continue;
      const streamName = isString(stream.streamId) ? ` "${stream.streamId}"` : '';
      context.report({ path: [...location.path, 'stream'], target: 'key', messageId: 'httpOnly', data: { stream: streamName } });
    }
  },
});
