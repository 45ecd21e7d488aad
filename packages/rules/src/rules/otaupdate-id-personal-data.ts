import { defineRule, isString } from '@otalint/core';

/** An IPv4 address with any of the separators an id allows (`10.0.0.1`, `10-0-0-1`, `10_0_0_1`). */
const IPV4 =
  /(?:^|[^0-9])((?:25[0-5]|2[0-4]\d|1?\d?\d)([._-])(?:25[0-5]|2[0-4]\d|1?\d?\d)\2(?:25[0-5]|2[0-4]\d|1?\d?\d)\2(?:25[0-5]|2[0-4]\d|1?\d?\d))(?![0-9])/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

export default defineRule({
  meta: {
    id: 'otaupdate-id-personal-data',
    description: '`otaUpdateId` does not look like personal data (an IP address or an email address).',
    category: 'identity',
    unknownValues: 'checked',
    defaultSeverity: 'info',
    certainty: 'inferred',
    presets: ['strict'],
    messages: {
      personal:
        '`otaUpdateId` contains what looks like {{kind}} ("{{match}}"); AWS asks not to put personal data in resource ids, which appear in logs and job ids. Use a neutral id such as a firmware name and version.',
    },
  },
  defaultOptions: {},
  check(context) {
    const id = context.request.otaUpdateId;
    if (!isString(id)) return;
    const email = EMAIL.exec(id);
    const ip = IPV4.exec(id);
    if (email) context.report({ path: ['otaUpdateId'], messageId: 'personal', data: { kind: 'an email address', match: email[0] } });
    else if (ip) context.report({ path: ['otaUpdateId'], messageId: 'personal', data: { kind: 'an IP address', match: ip[1] } });
  },
});
