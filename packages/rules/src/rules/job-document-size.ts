import { defineRule } from '@otalint/core';
import { estimateJobDocument, type JobDocumentEstimate } from '../job-document.js';

/** IoT Jobs: a job document is at most 32 KB (AWS IoT Core quotas, "Jobs"). */
const LIMIT = 32 * 1024;

interface Options {
  /** Warn from this share of the limit, in percent. */
  readonly nearPercent: number;
}

const PARTS: ReadonlyArray<readonly [keyof Omit<JobDocumentEstimate, 'total'>, string, string]> = [
  ['attributes', 'file attributes', 'Move large values out of `files[].attributes` (every attribute travels in the job document to every device).'],
  ['certificateChains', 'inline certificate chains', 'Leave `certificateChain.inlineDocument` out and keep the certificate on the device (`certificateName`).'],
  ['signatures', 'signatures', 'Sign with ECDSA P-256: its signature is a quarter of an RSA-2048 one.'],
  ['downloadUrls', 'download URLs', 'Use MQTT only: pre-signed URLs are for HTTP.'],
  ['other', 'paths, names and the rest', 'Shorten `fileName` and `certificateName`, or split the files over several updates.'],
];

/**
 * The service turns the request into an IoT job whose document carries, for every file, its path,
 * certificate name, signature, attributes and certificate chain; a job document over 32 KB is
 * rejected when the service creates the job, after the update was accepted (CREATE_FAILED). The
 * estimate is a lower bound (a pre-signed URL or a Signer signature may be longer), so the rule
 * also warns near the limit.
 */
export default defineRule<Options>({
  meta: {
    id: 'job-document-size',
    description:
      'The job document the service builds from the request (files, attributes, certificate chains, signatures) stays under the 32 KB IoT Jobs limit.',
    category: 'files',
    defaultSeverity: 'warning',
    certainty: 'documented',
    presets: ['recommended'],
    unknownValues: 'checked',
    optionsSchema: {
      type: 'object',
      properties: { nearPercent: { type: 'integer', minimum: 1, maximum: 100 } },
      additionalProperties: false,
    },
    messages: {
      over: 'The job document the service builds from this request is at least {{size}} bytes ({{parts}}), over the 32 KB ({{limit}}-byte) limit of IoT job documents: the update fails with CREATE_FAILED. {{advice}}',
      near: 'The job document the service builds from this request is at least {{size}} bytes ({{parts}}), {{percent}}% of the 32 KB ({{limit}}-byte) limit of IoT job documents; a pre-signed URL or a longer signature may take it over, and the update then fails. {{advice}}',
    },
  },
  defaultOptions: { nearPercent: 90 },
  check(context) {
    const estimate = estimateJobDocument(context.request);
    const percent = Math.floor((estimate.total / LIMIT) * 100);
    if (percent < context.options.nearPercent && estimate.total <= LIMIT) return;
    const ranked = PARTS.filter(([part]) => estimate[part] > 0).sort(([a], [b]) => estimate[b] - estimate[a]);
    context.report({
      path: ['files'],
      target: 'key',
      messageId: estimate.total > LIMIT ? 'over' : 'near',
      data: {
        size: estimate.total.toLocaleString('en-US'),
        limit: LIMIT.toLocaleString('en-US'),
        percent,
        parts: ranked.map(([part, name]) => `${name} ${estimate[part].toLocaleString('en-US')}`).join(', '),
        advice: ranked[0]![2],
      },
    });
  },
});
