import { defineRule, fileEntries } from '@otalint/core';

const MIB = 1024 * 1024;
const size = (bytes: number) =>
  bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB (${bytes.toLocaleString('en-US')} bytes)` : `${bytes.toLocaleString('en-US')} bytes`;

/**
 * FreeRTOS OTA agents track a file's blocks in a 128-byte bitmap, one bit a block: a file with more
 * blocks than that is rejected when the job document is parsed ("greater than can be tracked",
 * `OtaJobParseErrBadModelInitParams`), and an empty one too (`OtaJobParseErrZeroFileSize`). With
 * the firmware on disk, its size is known before the update is created. The limit is the device
 * profile's `maxFileBytes` (4 MiB with the default 4 KB blocks; a port may use larger blocks).
 */
export default defineRule({
  meta: {
    id: 'firmware-size',
    description:
      "When the firmware is on disk, it is not empty and not larger than the devices can track (the device profile's `maxFileBytes`: 4 MiB by default).",
    category: 'files',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    unknownValues: 'checked',
    messages: {
      tooLarge:
        'The firmware for this file ({{firmware}}) is {{size}}, larger than the devices can track: {{limit}} (device profile "{{device}}"; FreeRTOS agents keep one bit a block in a 128-byte bitmap, 4 KB blocks by default) and they reject the job. Shrink the image, or set `device.maxFileBytes` if your port uses larger blocks.',
      empty: 'The firmware for this file ({{firmware}}) is empty; devices reject a file of size 0. Build the image before creating the update.',
    },
  },
  defaultOptions: {},
  check(context) {
    const limit = context.device.maxFileBytes;
    for (const file of fileEntries(context.request)) {
      const firmware = context.localFiles.firmwareFor(file.value);
      const read = firmware?.read();
      // Config checks that the files it maps exist when it loads; one gone since is signature-verifies' to report.
      if (!firmware || !read?.ok) continue;
      const data = { firmware: firmware.path, size: size(read.bytes.length), limit: limit === undefined ? '' : size(limit), device: context.device.name };
      if (read.bytes.length === 0) context.report({ path: [...file.path, 'fileLocation'], target: 'key', messageId: 'empty', data });
      else if (limit !== undefined && read.bytes.length > limit)
        context.report({ path: [...file.path, 'fileLocation'], target: 'key', messageId: 'tooLarge', data });
    }
  },
});
