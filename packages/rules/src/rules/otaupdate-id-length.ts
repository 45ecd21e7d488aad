import { defineRule, isString } from '@otalint/core';

/** The service names the job `AFR_OTA-<otaUpdateId>`. */
const JOB_ID_PREFIX = 'AFR_OTA-';
/** Public limit on IoT job ids. */
const JOB_ID_LIMIT = 64;
/** FreeRTOS OTA agents reject job ids longer than this. */
const AGENT_JOB_ID_LIMIT = 72;

export interface Options {
  /** The longest otaUpdateId allowed; default 56, so the job id stays within 64 characters. */
  readonly max: number;
}

export default defineRule<Options>({
  meta: {
    id: 'otaupdate-id-length',
    description: '`otaUpdateId` is at most 56 characters, so the job id `AFR_OTA-<otaUpdateId>` stays within 64 (and FreeRTOS agents accept it).',
    category: 'identity',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    certainty: 'documented',
    presets: ['recommended'],
    optionsSchema: {
      type: 'object',
      properties: { max: { type: 'integer', minimum: 1, maximum: 128 } },
      additionalProperties: false,
    },
    messages: {
      jobIdTooLong:
        '`otaUpdateId` has {{length}} characters, so its job id AFR_OTA-<otaUpdateId> has {{jobLength}}, over the 64 allowed for IoT job ids. Shorten it to at most {{max}} characters.',
      overMax:
        "`otaUpdateId` has {{length}} characters, over the {{max}} this project allows (the rule's `max` option). Shorten it to at most {{max}} characters.",
      agentRejects:
        '`otaUpdateId` has {{length}} characters, so its job id AFR_OTA-<otaUpdateId> has {{jobLength}}: FreeRTOS OTA agents reject job ids over 72 characters, so devices would never run it. Shorten it to at most {{max}} characters.',
    },
  },
  defaultOptions: { max: JOB_ID_LIMIT - JOB_ID_PREFIX.length },
  check(context) {
    const id = context.request.otaUpdateId;
    if (!isString(id) || id.length <= context.options.max) return;
    const jobLength = JOB_ID_PREFIX.length + id.length;
    // Say why the id is too long: the agents' limit, the IoT job id limit, or this project's own.
    const messageId = jobLength > AGENT_JOB_ID_LIMIT ? 'agentRejects' : jobLength > JOB_ID_LIMIT ? 'jobIdTooLong' : 'overMax';
    context.report({ path: ['otaUpdateId'], messageId, data: { length: id.length, jobLength, max: context.options.max } });
  },
});
