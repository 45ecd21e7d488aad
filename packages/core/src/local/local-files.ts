import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isObject, isString } from '../util/guards.js';

/** What config says is on disk: firmware by where the request takes it from, certificates by their name on the device. */
export interface LocalFileMaps {
  /** `s3://bucket/key`, `stream:<streamId>` or `stream:<streamId>/<fileId>` → absolute path. */
  readonly firmware: ReadonlyMap<string, string>;
  /** `certificateChain.certificateName` (the certificate's path on the device) → absolute path. */
  readonly certificates: ReadonlyMap<string, string>;
}

export type LocalRead = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: string };

/** A file on disk that stands for something in the request. */
export interface LocalFile {
  /** As messages show it: relative to the working directory. */
  readonly path: string;
  /** What mapped it: `s3://bucket/key`, `stream:fw`, `--firmware`, or the certificate name. */
  readonly mappedFrom: string;
  read(): LocalRead;
}

/** The local files a rule may read (`context.localFiles`). */
export interface LocalFiles {
  /** The firmware on disk for a file of the request (`files[i]`), by its S3 location or stream, else `--firmware`. */
  firmwareFor(file: unknown): LocalFile | undefined;
  /** A certificate on disk, by `certificateChain.certificateName`. */
  certificateFor(name: string): LocalFile | undefined;
}

/** The locations a request file is known by, most specific first. */
export function firmwareKeys(file: unknown): string[] {
  if (!isObject(file) || !isObject(file.fileLocation)) return [];
  const { s3Location, stream } = file.fileLocation;
  const keys: string[] = [];
  if (isObject(s3Location) && isString(s3Location.bucket) && isString(s3Location.key)) keys.push(`s3://${s3Location.bucket}/${s3Location.key}`);
  if (isObject(stream) && isString(stream.streamId)) {
    if (typeof stream.fileId === 'number') keys.push(`stream:${stream.streamId}/${stream.fileId}`);
    keys.push(`stream:${stream.streamId}`);
  }
  return keys;
}

/**
 * The local files of one linted file: what config maps, and `--firmware` for any file config does
 * not map. Remembers whether a rule read any (such a result depends on more than the file's text,
 * so the lint cache does not keep it).
 */
export class LocalFilesForRequest implements LocalFiles {
  #read = false;

  constructor(
    private readonly maps: LocalFileMaps,
    private readonly cwd: string,
    private readonly defaultFirmware?: string,
  ) {}

  get wasRead(): boolean {
    return this.#read;
  }

  firmwareFor(file: unknown): LocalFile | undefined {
    for (const key of firmwareKeys(file)) {
      const mapped = this.maps.firmware.get(key);
      if (mapped !== undefined) return this.#file(mapped, key);
    }
    return this.defaultFirmware === undefined || firmwareKeys(file).length === 0 ? undefined : this.#file(this.defaultFirmware, '--firmware');
  }

  certificateFor(name: string): LocalFile | undefined {
    const mapped = this.maps.certificates.get(name);
    return mapped === undefined ? undefined : this.#file(mapped, name);
  }

  #file(absolute: string, mappedFrom: string): LocalFile {
    return {
      path: path.relative(this.cwd, absolute) || absolute,
      mappedFrom,
      read: () => {
        this.#read = true;
        return readLocal(absolute);
      },
    };
  }
}

/** Files read in this process, by path, kept while their size and time stamp stay the same (an editor session lints often). */
const contents = new Map<string, { readonly size: number; readonly mtimeMs: number; readonly bytes: Buffer }>();

function readLocal(absolute: string): LocalRead {
  try {
    const stat = statSync(absolute);
    const known = contents.get(absolute);
    if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return { ok: true, bytes: known.bytes };
    const bytes = readFileSync(absolute);
    contents.set(absolute, { size: stat.size, mtimeMs: stat.mtimeMs, bytes });
    return { ok: true, bytes };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason:
        code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message,
    };
  }
}
