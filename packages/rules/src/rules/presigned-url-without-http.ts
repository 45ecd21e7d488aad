import { defineRule, isAbsent, isFullyKnown, isList, isObject, isString } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'presigned-url-without-http',
    description: '`awsJobPresignedUrlConfig` is set only when `protocols` includes HTTP.',
    category: 'protocols',
    unknownValues: 'checked',
    needs: ['awsJobPresignedUrlConfig'],
    defaultSeverity: 'warning',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      noHttp:
        '`awsJobPresignedUrlConfig` has no effect: `protocols` is {{protocols}}, and pre-signed URLs are used only for HTTP downloads. Add "HTTP" to `protocols` or remove `awsJobPresignedUrlConfig`.',
      defaultMqtt:
        '`awsJobPresignedUrlConfig` has no effect: `protocols` is not set, so devices download over MQTT, and pre-signed URLs are used only for HTTP downloads. Add `"protocols": ["HTTP"]` (or ["HTTP", "MQTT"]) or remove `awsJobPresignedUrlConfig`.',
    },
  },
  defaultOptions: {},
  check(context) {
    const { request } = context;
    if (!isObject(request.awsJobPresignedUrlConfig)) return;
    if (isAbsent(request, 'protocols')) {
      context.report({ path: ['awsJobPresignedUrlConfig'], target: 'key', messageId: 'defaultMqtt' });
      return;
    }
    // A protocol known only at run time, or a spread, may be HTTP.
    const { protocols } = request;
    if (!isList(protocols) || !isFullyKnown(protocols) || protocols.some((value) => isString(value) && value.toUpperCase() === 'HTTP')) return;
    context.report({ path: ['awsJobPresignedUrlConfig'], target: 'key', messageId: 'noHttp', data: { protocols: JSON.stringify(protocols) } });
  },
});
