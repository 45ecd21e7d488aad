import { readFile } from 'node:fs/promises';
import type { Diagnostic, FileResult } from '../diagnostic.js';
import { FILE_START, RESERVED_RULE_IDS } from '../diagnostic.js';
import { loadConfig, type LoadConfigOptions } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/resolved-config.js';
import type { SeverityName } from '../config/types.js';
import { BUILTIN_SOURCE_KINDS, SourceKinds } from '../document/source-kinds.js';
import type { SourceDocument } from '../document/types.js';
import { decodeText, fromText, readTextFile, type SourceText } from '../document/decode.js';
import { withFileProblems } from '../document/guarded-read.js';
import { isAccountRule } from '../rules/define-rule.js';
import { describeThrown } from '../util/thrown.js';
import { runAccountRules, type AccountStepOptions, type CheckedFile } from './account-step.js';
import { byPosition, lintDocument, type ActiveRule, type LintOptions } from './lint-document.js';
import { fileResult, summarize } from './file-result.js';
import { ConfigError } from '../config/types.js';
import { closest, didYouMean } from '../util/did-you-mean.js';
import { lintRun, runReads, runValue } from './lint-run.js';
import { LocalFilesForRequest } from '../local/local-files.js';
import { addFingerprints, fingerprintMessages } from '../fingerprint.js';
import { applySuppressions, type SuppressionScope } from '../suppressions/apply.js';
import { suppressionScopeFor } from '../suppressions/scope.js';
import { SuppressionUsage, unusedSuppressionsResult } from '../suppressions/usage.js';
import { applyReservedSettings } from '../reserved-ids.js';
import type { Suppression } from '../suppressions/types.js';
import { FolderPaths } from '../util/folder-paths.js';

export interface LinterOptions extends LoadConfigOptions, Omit<LintOptions, 'device' | 'localFiles'> {
  /**
   * `--deep`: this run checks requests against the AWS account, so the account rules are on at
   * their default severity unless the config sets them. Without it they never run, and
   * suppressions that name them are not judged unused.
   */
  readonly deep?: boolean;
  /** `--firmware`: the firmware on disk for request files config does not map (absolute path). */
  readonly firmware?: string;
}

/** The one entry point for library users, the CLI and editor integrations. */
export class Linter {
  /** Which config suppressions this linter's runs used (see `unusedSuppressions`). */
  readonly suppressionUsage = new SuppressionUsage();
  /** The source kinds this run reads: the plugins' first, then the built-in ones. */
  readonly sourceKinds: SourceKinds;
  /** Linted files whose rules read firmware or certificates on disk (absolute paths). */
  readonly #readLocalFiles = new Set<string>();
  /** The ids of the rules that look at the whole run (`meta.scope: 'run'`). */
  readonly #runRules: ReadonlySet<string>;
  readonly #runRuleIds: readonly string[];

  /** Rules whose findings cannot come in this run (account rules without --deep). */
  readonly #notRun: ReadonlySet<string>;
  /** The request members the run rules read (see `retainForRun`); undefined: all of them. */
  readonly #runReads: ReadonlySet<string> | undefined;
  /** Each step of a file asks for its absolute path again (rules, suppressions, the run pass). */
  readonly #paths: FolderPaths;
  /**
   * The result `finish` made last when its document held no disable comment: `retainForRun`, asked
   * of it next, then keeps no text for the run pass to judge comments in, without searching the text.
   */
  #lastWithoutComments: FileResult | undefined;

  private constructor(
    readonly config: ResolvedConfig,
    readonly cwd: string,
    private readonly lintOptions: LintOptions,
    /** Whether account rules run (`--deep`). */
    readonly deep: boolean,
    /** `--firmware`, absolute; part of what results depend on (see the lint cache's key). */
    readonly firmware?: string,
  ) {
    this.#paths = new FolderPaths(cwd);
    const pluginKinds = [...config.plugins.values()].flatMap((plugin) => plugin.sources ?? []);
    this.sourceKinds = new SourceKinds([...pluginKinds, ...BUILTIN_SOURCE_KINDS]);
    this.#runRules = new Set([...config.rules].filter(([, rule]) => rule.meta.scope === 'run').map(([id]) => id));
    this.#runRuleIds = [...this.#runRules];
    this.#runReads = runReads([...this.#runRules].map((id) => config.rules.get(id)!));
    this.#notRun = new Set(deep ? [] : [...config.rules].filter(([, rule]) => isAccountRule(rule)).map(([id]) => id));
    for (const kind of config.disabledSources()) {
      if (this.sourceKinds.get(kind)) continue;
      const ids = this.sourceKinds.kinds.map((known) => known.id);
      throw new ConfigError(
        config.configFile ?? 'config',
        'sources',
        `unknown source kind "${kind}"${didYouMean(closest(kind, ids), 'clause')} Kinds: ${ids.join(', ')}.`,
      );
    }
  }

  static async create(options: LinterOptions): Promise<Linter> {
    const deep = options.deep === true;
    const config = await loadConfig(deep ? { ...options, baseRules: accountRuleDefaults(options) } : options);
    const lintOptions: LintOptions = {
      ...(options.debug === undefined ? {} : { debug: options.debug }),
      ...(options.ruleTimeoutMs === undefined ? {} : { ruleTimeoutMs: options.ruleTimeoutMs }),
      ...(options.timer === undefined ? {} : { timer: options.timer }),
    };
    return new Linter(config, options.cwd, lintOptions, deep, options.firmware);
  }

  /**
   * Load what reading `filePath` needs (a kind's parser), once per kind. Await it before
   * `read`/`lintText` for a file of any kind that may prepare; `lintFile` does it itself.
   */
  prepare(filePath: string, text?: string, kindId?: string): Promise<void> {
    return this.sourceKinds.prepare(filePath, text, kindId);
  }

  /** `prepare`, or undefined when there is nothing to wait for before reading this file (see `SourceKinds.pending`). */
  pending(filePath: string, text?: string, kindId?: string): Promise<void> | undefined {
    return this.sourceKinds.pending(filePath, text, kindId);
  }

  /** Read text as the file `filePath` would be read (with the kind that claims it, or `kindId`). */
  read(text: string, filePath: string, kindId?: string): SourceDocument {
    return this.sourceKinds.read(filePath, text, kindId, { cwd: this.cwd });
  }

  /** Lint text as if it were the file `filePath` (which need not exist: stdin, an editor buffer). */
  lintText(text: string, filePath: string, kindId?: string): FileResult {
    return this.lintSource(fromText(text), filePath, kindId);
  }

  /** Lint a file's bytes: they must be UTF-8 (see document/decode.ts). */
  lintBytes(bytes: Uint8Array, filePath: string, kindId?: string): FileResult {
    return this.lintSource(decodeText(bytes), filePath, kindId);
  }

  /**
   * Lint decoded text. Its encoding problem comes first; text that is not exactly the file's
   * bytes (invalid UTF-8, UTF-16) gets no fixes, so --fix never rewrites bytes it did not mean to.
   */
  lintSource(source: SourceText, filePath: string, kindId?: string): FileResult {
    return this.finish(this.checkSource(source, filePath, kindId));
  }

  /** `check` over decoded text, for runs with a later step (`--deep`): no fixes on text that is not the file's bytes. */
  checkSource(source: SourceText, filePath: string, kindId?: string): CheckedFile {
    const checked = this.check(this.readSource(source, filePath, kindId));
    return source.faithful ? checked : { ...checked, result: withoutFixes(checked.result) };
  }

  /** Read decoded text: the document, with the text's encoding problem as its first problem. */
  readSource(source: SourceText, filePath: string, kindId?: string): SourceDocument {
    return withFileProblems(this.read(source.text, filePath, kindId), source.problem ? [source.problem] : []);
  }

  /**
   * Lint a read file: rules, then suppressions, then fingerprints. Config settings of the engine's
   * own ids apply on both sides of the suppression step: to its findings (`duplicate-key: off`
   * leaves nothing to waive) and to what it reports itself (`unused-suppression: error`).
   */
  lintDocument(document: SourceDocument): FileResult {
    return this.finish(this.check(document));
  }

  /**
   * The per-request rules over a read file, before suppressions and fingerprints: for runs that
   * add findings from a later step (`checkAccount`) before `finish`.
   */
  check(document: SourceDocument): CheckedFile {
    const absolute = this.absolutePath(document.filePath);
    const maps = this.config.localFilesFor(absolute);
    // Most runs map no file on disk: their files share lintDocument's "nothing on disk", and none was read.
    const localFiles =
      maps.firmware.size === 0 && maps.certificates.size === 0 && this.firmware === undefined
        ? undefined
        : new LocalFilesForRequest(maps, this.cwd, this.firmware);
    const device = this.config.deviceFor(absolute);
    const result = lintDocument(
      document,
      this.config.rulesFor(absolute),
      localFiles ? { ...this.lintOptions, device, localFiles } : { ...this.lintOptions, device },
    );
    if (localFiles?.wasRead) this.#readLocalFiles.add(absolute);
    else if (this.#readLocalFiles.size > 0) this.#readLocalFiles.delete(absolute);
    return { document, result };
  }

  /** The account rules (`--deep`) over checked files: their findings by file path. */
  async checkAccount(files: readonly CheckedFile[], options: Omit<AccountStepOptions, 'debug' | 'deviceFor'>): Promise<Map<string, Diagnostic[]>> {
    if (!this.deep) return new Map();
    return runAccountRules(files, (file) => this.config.rulesFor(this.absolutePath(file)), {
      ...options,
      deviceFor: (file) => this.config.deviceFor(this.absolutePath(file)),
      debug: this.lintOptions.debug === true,
    });
  }

  /**
   * Suppressions, then fingerprints, over a checked file's findings and those later steps found.
   * The findings are the checked file's own objects, given their fingerprints in place: finish a
   * checked file once.
   */
  finish(checked: CheckedFile, later: readonly Diagnostic[] = []): FileResult {
    const { document } = checked;
    const linted = checked.result;
    const all = later.length === 0 ? linted.messages : [...linted.messages, ...later].sort(byPosition);
    const fatal = linted.fatal || later.some((message) => message.ruleId === RESERVED_RULE_IDS.internal);
    const absolute = this.absolutePath(document.filePath);
    const fileScope = suppressionScopeFor(this.config, absolute);
    const commentless = document.disableComments().length === 0;
    const waivesNothing = fileScope.suppressions.length === 0 && commentless;
    // A clean file with nothing to judge (most files of a large run) has nothing to waive or print: its result stands.
    if (all.length === 0 && waivesNothing) {
      this.suppressionUsage.record(absolute, [], []);
      return this.#finished(linted, commentless);
    }
    const reserved = this.config.reservedSettingsFor(absolute);
    if (waivesNothing) {
      // No suppression or comment can waive or judge anything here (most files with a finding): the step would hand the findings back as they are.
      this.suppressionUsage.record(absolute, [], []);
      const messages = applyReservedSettings(all, reserved);
      addFingerprints(messages, document.requests);
      return this.#finished(finishedResult(checked, messages, fatal), commentless);
    }
    // Suppressions, then fingerprints: what the suppression step reports gets a fingerprint too.
    const scope: SuppressionScope = {
      suppressions: fileScope.suppressions,
      unsuppressible: fileScope.unsuppressible,
      knownRules: fileScope.knownRules,
      today: fileScope.today,
      notRun: this.#notRun,
    };
    const outcome = applySuppressions(document, applyReservedSettings(all, reserved), scope, { pass: 'file', runRules: this.#runRules });
    this.suppressionUsage.record(absolute, scope.suppressions, outcome.used);
    const messages = applyReservedSettings(outcome.messages, reserved);
    // One pass over both lists, so occurrence numbers do not depend on what was suppressed.
    addFingerprints([...messages, ...outcome.suppressed], document.requests);
    return this.#finished(finishedResult(checked, messages, fatal, outcome.suppressed), commentless);
  }

  /** A finished file's result, remembered when its document holds no disable comment (see `retainForRun`). */
  #finished(result: FileResult, commentless: boolean): FileResult {
    this.#lastWithoutComments = commentless ? result : undefined;
    return result;
  }

  /**
   * What a linted file's result keeps for the rest of a run that reports its findings and writes
   * nothing back (no `--fix`): its text only when it names a run rule (a disable comment the run
   * pass judges), and of each request only the members the run rules read (`meta.reads`). The run
   * pass reads a file again from disk when one of its rules reports there. So a run holds about a
   * report's worth per file, not each file's text and requests.
   */
  retainForRun(result: FileResult): FileResult {
    const { source, requests } = result;
    // The result `finish` made last, of a document without disable comments (a JSON file: all of them), has none to look for.
    const keepSource = source !== undefined && result !== this.#lastWithoutComments && this.#runRuleIds.some((id) => source.includes(id));
    return fileResult({
      filePath: result.filePath,
      messages: result.messages,
      fatal: result.fatal,
      suppressedMessages: result.suppressedMessages,
      source: keepSource ? source : undefined,
      kind: result.kind,
      requests: requests?.map(({ index, range, value, hasUnknowns }) => ({ index, range, value: runValue(value, this.#runReads), hasUnknowns })),
      output: result.output,
    });
  }

  /**
   * The run pass: the rules with scope `'run'` over every request of these results (a whole run's
   * files, or only the one from stdin), their findings suppressed and fingerprinted into each
   * file's result. Call it once, after linting every file (and fixing), before unused suppressions
   * are judged and baselines applied.
   */
  async lintRun(results: readonly FileResult[]): Promise<FileResult[]> {
    const runRules = this.#runRules;
    if (runRules.size === 0) return [...results];
    const absolute = (result: FileResult) => this.absolutePath(result.filePath);
    // Files share their rules (one list per set of matching config objects): filtered once per list.
    const runRulesOf = new Map<readonly ActiveRule[], readonly ActiveRule[]>();
    return lintRun(results, {
      rulesFor: (result) => {
        const rules = this.config.rulesFor(absolute(result));
        let on = runRulesOf.get(rules);
        if (!on) runRulesOf.set(rules, (on = rules.filter((active) => runRules.has(active.id))));
        return on;
      },
      deviceFor: (result) => this.config.deviceFor(absolute(result)),
      read: async (result) => {
        const text = result.source ?? this.#readAgain(result.filePath);
        await this.prepare(result.filePath, text, result.kind);
        return this.read(text, result.filePath, result.kind);
      },
      suppress: (document, messages, result) => {
        const scope = suppressionScopeFor(this.config, absolute(result));
        const outcome = applySuppressions(document, messages, scope, { pass: 'run', runRules });
        this.suppressionUsage.recordMore(absolute(result), outcome.used);
        return { ...outcome, messages: applyReservedSettings(outcome.messages, this.config.reservedSettingsFor(absolute(result))) };
      },
      ...(this.lintOptions.debug ? { debug: true } : {}),
      ...(this.lintOptions.ruleTimeoutMs === undefined ? {} : { ruleTimeoutMs: this.lintOptions.ruleTimeoutMs }),
      ...(this.lintOptions.timer === undefined ? {} : { timer: this.lintOptions.timer }),
    });
  }

  /** The text of a file whose result no longer holds it (`retainForRun`); empty when it cannot be read now. */
  #readAgain(filePath: string): string {
    try {
      return readTextFile(this.#paths.of(filePath)).text;
    } catch {
      return '';
    }
  }

  /**
   * Whether the last lint of a file read firmware or certificates on disk: its result then
   * depends on more than its text (the lint cache does not keep it).
   */
  readLocalFiles(filePath: string): boolean {
    return this.#readLocalFiles.has(this.absolutePath(filePath));
  }

  /** Config suppressions that applied to a linted file but waived nothing in any (report them). */
  unusedSuppressions(): Suppression[] {
    return this.suppressionUsage.unused().filter((suppression) => !this.#notRun.has(suppression.rule));
  }

  /**
   * The unused config suppressions as a result for the config file (at each entry when the config
   * is JSON), with the config's setting of `unused-suppression`; undefined when there are none.
   */
  async unusedSuppressionsResult(): Promise<FileResult | undefined> {
    const result = await unusedSuppressionsResult(this.unusedSuppressions(), this.config.configFile);
    if (!result) return undefined;
    const messages = fingerprintMessages(applyReservedSettings(result.messages, this.config.reservedSettingsFor(result.filePath)), []);
    return messages.length > 0 ? summarize(result.filePath, messages, false) : undefined;
  }

  /** Rules whose findings in this file no suppression or baseline may hide. */
  unsuppressibleRules(filePath: string): ReadonlySet<string> {
    return suppressionScopeFor(this.config, this.absolutePath(filePath)).unsuppressible;
  }

  /** Read and lint a file. An unreadable file is a fatal result, not an exception. */
  async lintFile(filePath: string): Promise<FileResult> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.#paths.of(filePath));
    } catch (error) {
      return unreadableResult(filePath, error);
    }
    const source = decodeText(bytes);
    await this.prepare(filePath, source.text);
    return this.lintSource(source, filePath);
  }

  isIgnored(filePath: string): boolean {
    // Asked of every file a folder brings in: most configs ignore nothing, and need no path worked out.
    return this.config.ignoresAny() && this.config.isIgnored(this.absolutePath(filePath));
  }

  /** The absolute path of a file named relative to `cwd`, as `path.resolve(cwd, filePath)` gives it (worked out a folder at a time). */
  absolutePath(filePath: string): string {
    return this.#paths.of(filePath);
  }
}

/** Every account rule at its default severity: what --deep turns on before the config's own settings. */
function accountRuleDefaults(options: LoadConfigOptions): Record<string, SeverityName> {
  const settings: Record<string, SeverityName> = {};
  for (const [id, rule] of Object.entries(options.builtins.rules ?? {})) {
    if (isAccountRule(rule)) settings[id] = rule.meta.defaultSeverity === 'warning' ? 'warn' : rule.meta.defaultSeverity;
  }
  return settings;
}

/** The result of a file (or a folder a folder or glob led into) that could not be read: one fatal diagnostic saying why. */
export function unreadableResult(filePath: string, error: unknown, what: 'file' | 'folder' = 'file'): FileResult {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason =
    code === 'EISDIR'
      ? 'it is a directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOENT'
          ? 'it no longer exists'
          : describeThrown(error);
  // A fingerprint like any finding's, so every report (SARIF `partialFingerprints`) can track it.
  const messages = fingerprintMessages(
    [
      {
        ruleId: RESERVED_RULE_IDS.unreadable,
        severity: 'error',
        message: `Cannot read the ${what}: ${reason}.${what === 'folder' ? ' Its files were not linted; the other folders were.' : ''}`,
        ...FILE_START,
      },
    ],
    [],
  );
  return summarize(filePath, messages, true);
}

function withoutFixes(result: FileResult): FileResult {
  return { ...result, messages: result.messages.map(({ fix: _fix, ...message }) => message) };
}

/** A checked file's result once its findings are final (waived, fingerprinted). */
function finishedResult(
  checked: CheckedFile,
  messages: readonly Diagnostic[],
  fatal: boolean,
  suppressedMessages?: FileResult['suppressedMessages'],
): FileResult {
  const { result, document } = checked;
  return fileResult({
    filePath: result.filePath,
    messages,
    fatal,
    source: document.text,
    suppressedMessages,
    kind: result.kind,
    requests: result.requests,
  });
}
