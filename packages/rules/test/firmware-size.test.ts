import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/firmware-size.js';
import { json } from './support/json.js';
import { materialPath } from './support/material.js';
import { rangeOf } from './support/position.js';

const FIRMWARE = materialPath('firmware.bin'); // 4,096 bytes
const folder = mkdtempSync(path.join(tmpdir(), 'otalint-firmware-'));
const EMPTY = path.join(folder, 'empty.bin');
writeFileSync(EMPTY, '');
const BIG = path.join(folder, 'big.bin');
writeFileSync(BIG, Buffer.alloc(4 * 1024 * 1024 + 1));

const shown = (file: string) => path.relative(process.cwd(), file);
const tooLarge = (firmware: string, size: string, limit: string, device = 'freertos') =>
  `The firmware for this file (${firmware}) is ${size}, larger than the devices can track: ${limit} (device profile "${device}"; FreeRTOS agents keep one bit a block in a 128-byte bitmap, 4 KB blocks by default) and they reject the job. Shrink the image, or set \`device.maxFileBytes\` if your port uses larger blocks.`;
const request = {
  files: [{ fileName: '/sys/firmware.bin', fileLocation: { stream: { streamId: 'fw_150', fileId: 0 } }, codeSigning: { awsSignerJobId: 'job-1' } }],
};
const code = json(request);
const mapped = (file: string) => ({ firmware: { 'stream:fw_150': file } });

testRule(rule, {
  valid: [
    { name: '4 KB of firmware', request, localFiles: mapped(FIRMWARE) },
    { name: 'no firmware on disk', request: { files: [{ fileName: 'x', fileLocation: { stream: { streamId: 'fw_150', fileId: 0 } } }] } },
    { name: 'a large file on the generic profile', request, localFiles: mapped(BIG), device: 'generic' },
    { name: 'a large file with larger blocks', request, localFiles: mapped(BIG), device: { maxFileBytes: 16 * 1024 * 1024 } },
    { name: 'the stream and file id mapped exactly', request, localFiles: { firmware: { 'stream:fw_150/0': FIRMWARE } } },
  ],
  invalid: [
    {
      name: 'over 4 MiB',
      code,
      localFiles: mapped(BIG),
      errors: [
        {
          message: tooLarge(shown(BIG), '4.0 MiB (4,194,305 bytes)', '4.0 MiB (4,194,304 bytes)'),
          ...rangeOf(code, '"fileLocation"'),
          path: '/files/0/fileLocation',
        },
      ],
    },
    {
      name: 'a profile with a smaller limit',
      code,
      localFiles: { defaultFirmware: FIRMWARE },
      device: { extends: 'freertos-ota-v3', maxFileBytes: 1024 },
      errors: [{ message: tooLarge(shown(FIRMWARE), '4,096 bytes', '1,024 bytes', 'freertos-ota-v3'), ...rangeOf(code, '"fileLocation"') }],
    },
    {
      name: 'empty',
      code,
      localFiles: mapped(EMPTY),
      errors: [
        {
          message: `The firmware for this file (${shown(EMPTY)}) is empty; devices reject a file of size 0. Build the image before creating the update.`,
          ...rangeOf(code, '"fileLocation"'),
        },
      ],
    },
  ],
});
