import type { AwsAccount, Unavailable } from '../account/types.js';
import type { JsonPath, Severity, Target, ValueEdit } from '../diagnostic.js';
import type { BlobInput, ValueSyntax } from '../document/types.js';
import type { RequestValue } from '../request.js';
import type { DeviceProfile } from '../device/profiles.js';
import type { LocalFiles } from '../local/local-files.js';

export type RuleCategory =
  | 'model'
  | 'syntax'
  | 'ranges'
  | 'protocols'
  | 'files'
  | 'signing'
  | 'targets'
  | 'rollout'
  | 'abort'
  | 'identity'
  | 'tags'
  | 'policy'
  /** Checks against the AWS account (`otalint lint --deep`): account rules. */
  | 'deep'
  /** Mistakes only a command line shows, found by the command-line reader: source rules. */
  | 'command-line';

/** How sure we are of the fact a rule relies on (see docs: documented, observed, inferred). */
export type Certainty = 'documented' | 'observed' | 'inferred';

export const DOCS_BASE_URL = 'https://github.com/otalint/otalint/blob/main/packages/rules/docs/';

/**
 * Built-in presets a rule can belong to (`all` always holds every rule). `strict` and `freertos`
 * each include everything in `recommended`, so a rule lists only where it starts.
 */
export type PresetName = 'recommended' | 'strict' | 'freertos';
export const PRESET_NAMES: readonly PresetName[] = ['recommended', 'strict', 'freertos'];

/** A JSON Schema for a rule's options (validated with ajv when config loads). */
export type OptionsSchema = Record<string, unknown>;

export interface RuleMeta<Messages extends string = string> {
  /** Stable kebab-case id; never renamed (see docs/decisions). */
  readonly id: string;
  /** One line, shown by `otalint rules` and in the docs. */
  readonly description: string;
  readonly category: RuleCategory;
  readonly defaultSeverity: Severity;
  readonly certainty: Certainty;
  /** Message templates with `{{name}}` placeholders, by message id. */
  readonly messages: Readonly<Record<Messages, string>>;
  readonly optionsSchema?: OptionsSchema;
  readonly fixable?: boolean;
  readonly hasSuggestions?: boolean;
  /** Presets that turn the rule on (besides `all`). Omitted: only `all`. */
  readonly presets?: readonly PresetName[];
  /** Severity in the `strict` preset when it differs from `defaultSeverity` (warnings as errors). */
  readonly strictSeverity?: Severity;
  /**
   * Severity in the `freertos` preset when it differs: what the FreeRTOS OTA agent's sources make
   * certain for devices that run it (one file, a signature it can hold) is an error there.
   */
  readonly freertosSeverity?: Severity;
  /**
   * How the rule treats values known only at run time (see `isUnknown`). Omitted: the engine
   * watches what the rule reads, and drops its reports on a request whose unknown parts it read.
   * `'checked'`: the rule tells unknown values apart itself (every built-in rule does, proven by
   * the robustness suite), so it still reports on the known parts of such a request.
   */
  readonly unknownValues?: 'checked';
  /**
   * What the rule looks at. `'request'` (the default): one request at a time, in `check`. `'run'`:
   * every request of the run at once, in `checkRun` (an id used in two files). A run rule's findings
   * go through suppressions, fingerprints and baselines like any other; it sees only the files the
   * run lints (with `--stdin`, that one).
   */
  readonly scope?: 'request' | 'run';
  /**
   * For a rule with scope `'run'`: the request members (top-level names) `checkRun` reads. The run
   * then keeps only these of each request until the run pass, so a run over 50,000 files does not
   * hold 50,000 requests; the rule tester fails a rule that reads a member it does not list.
   * Omitted: the run keeps every request whole.
   */
  readonly reads?: readonly string[];
  /**
   * For a rule with scope `'request'`: path patterns (`files[].codeSigning.customCodeSigning`, as
   * `valuesAt` takes them) of which a request must hold at least one for the rule to find anything.
   * The engine skips the rule on a request that certainly holds none of them (a step through an
   * unknown value, or to a member a spread may add, may hold one: the rule then runs), so a rule
   * about a part most requests lack costs them nothing. The rule tester fails a rule that finds
   * something on a case without them. Omitted: the rule runs on every request.
   */
  readonly needs?: readonly string[];
  /**
   * `'reader'`: a source rule. Its findings are mistakes only the source shows (an unknown
   * command-line option, broken shorthand), so the source kind that reads the file makes them
   * (`ParseProblem.sourceRule`); the rule itself checks nothing, and config sets its severity.
   */
  readonly findings?: 'reader';
}

export interface ReportSuggestion<Messages extends string> {
  readonly messageId: Messages;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly edits: readonly ValueEdit[];
}

export interface Report<Messages extends string> {
  readonly path: JsonPath;
  readonly messageId: Messages;
  readonly data?: Readonly<Record<string, unknown>>;
  /** Defaults to 'value'. */
  readonly target?: Target;
  /** Only when the correction is certain. */
  readonly fix?: readonly ValueEdit[];
  /** When a person must choose. */
  readonly suggestions?: ReadonlyArray<ReportSuggestion<Messages>>;
  /**
   * A rule whose report at the same path this one replaces, because it says the same thing more
   * precisely (e.g. 'aws-api-model'). Applies only while this rule is on.
   */
  readonly supersedes?: string;
  /**
   * The report is about the literal start of a string known only in part at `path`
   * (`hasKnownPrefix`: `thinggroup/` of `thinggroup/$GROUP`), which no run-time text can make
   * valid. Only such reports may land on an unknown value; the engine drops every other one.
   */
  readonly onKnownPrefix?: boolean;
}

export interface RuleContext<Options, Messages extends string> {
  /**
   * The request as read from the file. Its shape follows the AWS model, but a file may hold
   * anything, and code may hold values known only at run time: check each value's type with the
   * guards (`isObject`, `isList`, `isString`, `isFiniteNumber`) before use. Wrong types are the
   * aws-api-model rule's to report.
   */
  readonly request: RequestValue;
  readonly options: Options;
  /** The syntax the request's values are written in (`json`, `yaml`, `shorthand`, ...). */
  readonly format: ValueSyntax;
  readonly filePath: string;
  /** The request's position among the file's requests, from 0. */
  readonly requestIndex: number;
  /** What the devices the update is for can take (config `device`; default the `freertos` profile). */
  readonly device: DeviceProfile;
  /**
   * Firmware and certificates on disk, when config maps them (`firmware`, `certificates`) or the
   * run names one (`--firmware`): for checks of the file itself. Usually there are none.
   */
  readonly localFiles: LocalFiles;
  /**
   * The value at a path as written in the file (`1.0` where the value reads 1), for messages that
   * should quote the user; undefined when the path is not in the file.
   */
  sourceText(path: JsonPath): string | undefined;
  /**
   * For a blob member in code (an SDK call): whether the SDK was given bytes or text (which it
   * encodes again). Undefined in request files, where a blob is always written as base64 text.
   */
  blobInput(path: JsonPath): BlobInput | undefined;
  report(report: Report<Messages>): void;
}

/** What every rule declares, per-request or account rule. */
interface RuleBase<Options, Messages extends string> {
  readonly meta: RuleMeta<Messages>;
  readonly defaultOptions: Options;
  /**
   * The rule's documentation in Markdown, from its first `## ` section on, for `otalint rules <id>`.
   * Built-in rules keep theirs in packages/rules/docs; a rule made from config (a policy) carries it.
   */
  readonly docs?: string;
}

export interface RuleDefinition<Options, Messages extends string> extends RuleBase<Options, Messages> {
  /** Checks one request (scope `'request'`). */
  check?(context: RuleContext<Options, Messages>): void;
  /** Checks every request of the run at once (scope `'run'`). */
  checkRun?(context: RunContext<Options, Messages>): void;
}

/** A request of the run, as a rule with scope `'run'` sees it. */
export interface RunRequest {
  readonly filePath: string;
  /** The source kind that read its file (`json`, `yaml`, `javascript`, ...). */
  readonly kind: string;
  /** Its position among its file's requests, from 0. */
  readonly requestIndex: number;
  /** How many requests its file holds. */
  readonly requestsInFile: number;
  /** The line the request starts on in its file. */
  readonly line: number;
  /** The request as read (see `RuleContext.request`); only requests that are objects are here. */
  readonly value: RequestValue;
  /** What the devices of its file can take. */
  readonly device: DeviceProfile;
}

export interface RunContext<Options, Messages extends string> {
  /** Every request of the run's files for which the rule is on, in path order, then file order. */
  readonly requests: readonly RunRequest[];
  readonly options: Options;
  /** Report on one request (a path inside it, as `RuleContext.report` takes). */
  report(request: RunRequest, report: Report<Messages>): void;
}

/** What an account rule gets for one request: the request, and read-only access to the account. */
export interface AccountRuleContext<Options, Messages extends string> {
  /** The request, as per-request rules see it (check each value's type before use). */
  readonly request: RequestValue;
  readonly options: Options;
  readonly filePath: string;
  readonly requestIndex: number;
  readonly account: AwsAccount;
  /** What the devices the update is for can take (config `device`; default the `freertos` profile). */
  readonly device: DeviceProfile;
  /**
   * The region the update would be created in: `--region`, else the region of the request's
   * ARNs (targets, then the signing certificate), else the AWS default chain's; undefined when
   * none is known.
   */
  readonly region: string | undefined;
  report(report: Report<Messages>): void;
  /**
   * The check of the value at `path` could not run (`what` says which check, e.g. `that bucket
   * "fw" is versioned`): an `info` finding, whatever the rule's severity.
   */
  cannotCheck(path: JsonPath, what: string, lookup: Unavailable): void;
}

/**
 * A rule that checks a request against the AWS account it names (category `deep`). It runs only
 * with `--deep`, after every file is read, so the account's answers are shared by the whole run.
 * It must look up only values it has checked are known strings: an unknown value is never sent.
 */
export interface AccountRuleDefinition<Options, Messages extends string> extends RuleBase<Options, Messages> {
  readonly meta: RuleMeta<Messages> & { readonly category: 'deep'; readonly unknownValues: 'checked' };
  checkAccount(context: AccountRuleContext<Options, Messages>): Promise<void>;
}

export interface Rule<Options = unknown, Messages extends string = string> extends RuleDefinition<Options, Messages> {
  readonly docsUrl: string;
}

export interface AccountRule<Options = unknown, Messages extends string = string> extends AccountRuleDefinition<Options, Messages> {
  readonly docsUrl: string;
}

export type AnyRule = Rule<any, string> | AccountRule<any, string>;

export function isAccountRule(rule: AnyRule): rule is AccountRule<any, string> {
  return 'checkAccount' in rule;
}

const RULE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Declare a rule. Derives the docs URL from the id and checks the metadata once, at load time,
 * so a malformed rule fails when its plugin loads rather than when it first reports.
 */
export function defineRule<Options = Record<string, never>, Messages extends string = string>(
  definition: RuleDefinition<Options, Messages>,
  docsBaseUrl: string = DOCS_BASE_URL,
): Rule<Options, Messages> {
  checkMeta(definition.meta);
  const { id } = definition.meta;
  if (definition.meta.category === 'deep') throw new Error(`rule "${id}": a rule in category "deep" is made with defineAccountRule()`);
  const run = definition.meta.scope === 'run';
  if (run ? typeof definition.checkRun !== 'function' || definition.check : typeof definition.check !== 'function' || definition.checkRun) {
    throw new Error(
      run ? `rule "${id}" has scope "run": give it checkRun, not check` : `rule "${id}" needs a check function (checkRun is for meta.scope "run")`,
    );
  }
  return { ...definition, docsUrl: `${docsBaseUrl}${id}.md` };
}

/** Declare an account rule (category `deep`, run only with `--deep`). */
export function defineAccountRule<Options = Record<string, never>, Messages extends string = string>(
  definition: AccountRuleDefinition<Options, Messages>,
  docsBaseUrl: string = DOCS_BASE_URL,
): AccountRule<Options, Messages> {
  checkMeta(definition.meta);
  if (definition.meta.category !== 'deep') throw new Error(`account rule "${definition.meta.id}" must be in category "deep"`);
  return { ...definition, docsUrl: `${docsBaseUrl}${definition.meta.id}.md` };
}

function checkMeta(meta: RuleMeta<string>): void {
  if (!RULE_ID.test(meta.id)) throw new Error(`rule id "${meta.id}" must be kebab-case`);
  if (Object.keys(meta.messages).length === 0) throw new Error(`rule "${meta.id}" declares no messages`);
  if (meta.needs !== undefined) {
    if (meta.scope === 'run') throw new Error(`rule "${meta.id}" has scope "run": \`needs\` is for rules that check one request at a time`);
    if (!Array.isArray(meta.needs) || meta.needs.length === 0 || !meta.needs.every((pattern) => typeof pattern === 'string' && PATH_PATTERN.test(pattern)))
      throw new Error(`rule "${meta.id}": \`needs\` is a list of path patterns such as "files[].codeSigning.customCodeSigning"`);
  }
}

/** A path pattern as `valuesAt` reads it: member names joined by dots, `[]` after a list's name. */
const PATH_PATTERN = /^[A-Za-z_$][\w$-]*(?:\[\])*(?:\.[A-Za-z_$][\w$-]*(?:\[\])*)*$/;

/**
 * Declare a source rule: one whose findings a source kind's reader makes (see `RuleMeta.findings`).
 * It has an id, docs, presets and a configurable severity like any rule; its message is the reader's.
 */
export function defineSourceRule(meta: Omit<RuleMeta<'finding'>, 'messages' | 'findings' | 'unknownValues'>): Rule<Record<string, never>, 'finding'> {
  return defineRule({
    meta: { ...meta, messages: { finding: '{{message}}' }, findings: 'reader', unknownValues: 'checked' },
    defaultOptions: {},
    check: checksNothing,
  });
}

/** A source rule's check: the source kind reports its findings as it reads the file, so the engine never calls it. */
export function checksNothing(): void {}

/** Fill `{{name}}` placeholders; an unfilled placeholder is a bug in the rule and throws. */
export function formatMessage(template: string, data: Readonly<Record<string, unknown>> = {}, where = 'message'): string {
  const parts = templateParts(template);
  let message = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    if (!(name in data)) throw new Error(`${where}: placeholder {{${name}}} has no data`);
    message += String(data[name]) + parts[i + 1]!;
  }
  return message;
}

/** A template split at its placeholders once (text, name, text, ...): a rule reports with the same few templates all run long. */
const splitTemplates = new Map<string, readonly string[]>();
function templateParts(template: string): readonly string[] {
  let parts = splitTemplates.get(template);
  if (!parts) splitTemplates.set(template, (parts = template.split(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/)));
  return parts;
}
