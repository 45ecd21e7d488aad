import type { Severity } from '../diagnostic.js';
import type { SourceKind } from '../document/types.js';
import type { AnyRule } from '../rules/define-rule.js';
import type { DeviceProfileName } from '../device/profiles.js';

/** Severity as written in config. `warn` is reported as `warning`. */
export type SeverityName = 'off' | 'info' | 'warn' | 'error';
export const SEVERITY_NAMES: readonly SeverityName[] = ['off', 'info', 'warn', 'error'];

/** Severity as config may write it: a name, or ESLint's numbers and its `"warning"`. */
export type SeverityInput = SeverityName | 'warning' | 0 | 1 | 2;
/** ESLint's spellings of the severity names. */
export const SEVERITY_ALIASES: Readonly<Record<string, SeverityName>> = { '0': 'off', '1': 'warn', '2': 'error', warning: 'warn' };

export type RuleSetting = SeverityInput | readonly [SeverityInput] | readonly [SeverityInput, unknown];

/** A plugin module: `export default { meta, rules, configs }`. */
export interface Plugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules?: Readonly<Record<string, AnyRule>>;
  readonly configs?: Readonly<Record<string, ConfigObject | readonly ConfigObject[]>>;
  /** Source kinds the plugin adds: files it reads requests from (see document/types.ts). */
  readonly sources?: readonly SourceKind[];
}

/** One object of a flat config array (ESLint-style). */
export interface ConfigObject {
  readonly name?: string;
  /** Globs, relative to the config file's folder, this object applies to. Omitted: every file. */
  readonly files?: readonly string[];
  /** Globs this object does not apply to; in an object with no other keys, files never linted. */
  readonly ignores?: readonly string[];
  /** Plugins by namespace; their rules are named `<namespace>/<rule-id>`. */
  readonly plugins?: Readonly<Record<string, Plugin | string>>;
  /** Presets (`recommended`, `strict`, `all`, `<namespace>/<preset>`) or inline config objects. */
  readonly extends?: ReadonlyArray<string | ConfigObject | readonly ConfigObject[]>;
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Findings to waive: `{ files, path, rule, reason, expires? }` (docs/suppressions.md). */
  readonly suppressions?: ReadonlyArray<{
    readonly files: string | readonly string[];
    /** JSON pointer; covers the value there and everything under it. */
    readonly path: string;
    readonly rule: string;
    readonly reason: string;
    /** YYYY-MM-DD, the last day it applies. */
    readonly expires?: string;
  }>;
  /** Rule ids whose findings no suppression, disable comment or baseline may hide (a policy lock). */
  readonly unsuppressible?: readonly string[];
  /** Rules written as data: each value at `given` must satisfy the JSON Schema `then` (docs/policies.md). */
  readonly policies?: readonly Policy[];
  /**
   * The devices the files are for: a profile name (`"freertos-ota-v3"`), or one adjusted
   * (`{ "extends": "freertos", "maxSignatureBytes": 256 }`, `null` removes a limit). Default `freertos`.
   */
  readonly device?: DeviceProfileName | DeviceSetting;
  /**
   * Firmware on disk, by where the request takes it from: `{ "s3://bucket/key": "build/app.bin" }`
   * or `{ "stream:<streamId>": "..." }`, paths relative to the config file. Rules then check the
   * file itself (its custom signature, its size).
   */
  readonly firmware?: Readonly<Record<string, string>>;
  /** Code-signing certificates on disk, by `certificateChain.certificateName`: `{ "/certs/ota.crt": "certs/ota.pem" }`. */
  readonly certificates?: Readonly<Record<string, string>>;
}

/** A policy as config writes it (docs/policies.md). */
export interface Policy {
  /** `<namespace>/<name>`, e.g. `acme/abort-required`. */
  readonly id: string;
  /** Default `error`. */
  readonly severity?: 'error' | 'warn' | 'warning' | 'info';
  /** The finding's message; may use {{value}}, {{path}} and {{reason}}. Default: the schema's reason, in words. */
  readonly message?: string;
  /** One line for `otalint rules` and SARIF. Default: the message. */
  readonly description?: string;
  /** Where the policy is explained (SARIF help link, `otalint rules`). */
  readonly docsUrl?: string;
  /** JSON pointer into the request; `*` is every member or item at that level; "" the whole request. */
  readonly given: string;
  /** A JSON Schema (draft 2020-12) each value at `given` must satisfy. */
  readonly then: Readonly<Record<string, unknown>> | boolean;
}

export function toSeverity(name: Exclude<SeverityName, 'off'>): Severity {
  return name === 'warn' ? 'warning' : name;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly detail: string,
  ) {
    super(`${file}: ${key ? `${key}: ` : ''}${detail}`);
    this.name = 'ConfigError';
  }
}

/** A device profile adjusted in config. */
export interface DeviceSetting {
  readonly extends?: DeviceProfileName;
  readonly maxFiles?: number | null;
  readonly maxSignatureBytes?: number | null;
  readonly firmwareFileType?: number | null;
  readonly maxFileBytes?: number | null;
  readonly requiresFileName?: boolean;
}
