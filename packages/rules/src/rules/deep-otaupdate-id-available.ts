import { defineAccountRule, isObject, isString } from '@otalint/core';

const OTA_ID = /^[a-zA-Z0-9_-]{1,128}$/;

export default defineAccountRule({
  meta: {
    id: 'deep-otaupdate-id-available',
    description: 'With `--deep`: no OTA update with this `otaUpdateId` exists yet in the region (GetOTAUpdate answers 404).',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: {
      taken:
        'OTA update "{{id}}" already exists in {{region}}{{status}}, so CreateOTAUpdate fails with ResourceAlreadyExistsException. Choose a new otaUpdateId, or delete the old update: aws iot delete-ota-update --ota-update-id {{id}}.',
    },
  },
  defaultOptions: {},
  async checkAccount(context) {
    const id = isObject(context.request) ? context.request.otaUpdateId : undefined;
    if (!isString(id) || !OTA_ID.test(id)) return;
    const found = await context.account.otaUpdate(context.region, id);
    if (found.status === 'unavailable') context.cannotCheck(['otaUpdateId'], `that otaUpdateId "${id}" is not taken`, found);
    else if (found.status === 'found') {
      const status = found.value.status ? ` (status ${found.value.status})` : '';
      context.report({ path: ['otaUpdateId'], messageId: 'taken', data: { id, region: context.region ?? 'the region', status } });
    }
  },
});
