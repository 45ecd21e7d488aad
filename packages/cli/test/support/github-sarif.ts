/**
 * GitHub code scanning's rules for an uploaded SARIF file, beyond the 2.1.0 schema, as its docs
 * state them ("SARIF support for code scanning", docs.github.com/en/code-security/reference/
 * code-scanning/sarif-files/sarif-support-for-code-scanning, and its limits table, "Results exceed
 * limit"; the one-run-per-category rule from the code scanning changelog of 2024-05-06: a file with
 * two runs of one tool in one category is rejected since June 2025). Returns every broken rule,
 * as `<where>: <what>`; an empty list means the log meets them.
 */
export function githubSarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  const root = object(log);
  if (!root) return ['log: not an object'];
  if (!nonEmptyString(root.$schema)) fail('$schema', 'required (the URI of the SARIF 2.1.0 schema)');
  if (root.version !== '2.1.0') fail('version', 'must be "2.1.0"');
  const runs = Array.isArray(root.runs) ? root.runs : undefined;
  if (!runs || runs.length === 0) return [...problems, 'runs: required, at least one run'];
  if (runs.length > 20) fail('runs', `${runs.length} runs; at most 20 per file`);

  const categories = new Set<string>();
  runs.forEach((raw, r) => {
    const at = `runs[${r}]`;
    const run = object(raw) ?? {};
    const driver = object(object(run.tool)?.driver);
    if (!driver || !nonEmptyString(driver.name)) fail(`${at}.tool.driver.name`, 'required');
    const extensions = object(run.tool)?.extensions;
    if (Array.isArray(extensions) && extensions.length > 100) fail(`${at}.tool.extensions`, 'at most 100');
    // One run per tool and category: the category is the automation id up to its last "/".
    const automationId = object(run.automationDetails)?.id;
    const category = typeof automationId === 'string' && automationId.includes('/') ? automationId.slice(0, automationId.lastIndexOf('/')) : '';
    const key = `${String(driver?.name)}\u0000${category}`;
    if (categories.has(key)) fail(at, `a second run of "${String(driver?.name)}" in category "${category}"; code scanning rejects the file`);
    categories.add(key);

    const rules = Array.isArray(driver?.rules) ? driver.rules : undefined;
    if (!rules) fail(`${at}.tool.driver.rules`, 'required');
    else if (rules.length > 25_000) fail(`${at}.tool.driver.rules`, `${rules.length} rules; at most 25,000 per run`);
    const ruleIds: string[] = [];
    (rules ?? []).forEach((rawRule, i) => checkRule(object(rawRule) ?? {}, `${at}.tool.driver.rules[${i}]`, ruleIds, fail));

    const results = Array.isArray(run.results) ? run.results : undefined;
    if (!results) fail(`${at}.results`, 'required');
    else if (results.length > 25_000) fail(`${at}.results`, `${results.length} results; a run with more than 25,000 is rejected`);
    (results ?? []).forEach((rawResult, i) => checkResult(object(rawResult) ?? {}, `${at}.results[${i}]`, ruleIds, fail));
  });
  return problems;
}

type Fail = (where: string, what: string) => void;

function checkRule(rule: Record<string, unknown>, at: string, ids: string[], fail: Fail): void {
  if (!nonEmptyString(rule.id)) fail(`${at}.id`, 'required');
  else if (ids.includes(rule.id)) fail(`${at}.id`, `"${rule.id}" is not unique`);
  ids.push(String(rule.id));
  if (rule.name !== undefined && (typeof rule.name !== 'string' || rule.name.length > 255)) fail(`${at}.name`, 'a string of at most 255 characters');
  for (const field of ['shortDescription', 'fullDescription'] as const) {
    const text = object(rule[field])?.text;
    if (!nonEmptyString(text)) fail(`${at}.${field}.text`, 'required, not empty');
    else if (text.length > 1024) fail(`${at}.${field}.text`, `${text.length} characters; at most 1024`);
  }
  if (!nonEmptyString(object(rule.help)?.text)) fail(`${at}.help.text`, 'required, not empty');
  const level = object(rule.defaultConfiguration)?.level;
  if (level !== undefined && !['note', 'warning', 'error'].includes(String(level))) fail(`${at}.defaultConfiguration.level`, 'note, warning or error');
  const properties = object(rule.properties) ?? {};
  const tags = properties.tags;
  if (tags !== undefined && (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string') || tags.length > 20))
    fail(`${at}.properties.tags`, 'at most 20 strings');
  if (properties.precision !== undefined && !['very-high', 'high', 'medium', 'low'].includes(String(properties.precision))) {
    fail(`${at}.properties.precision`, 'very-high, high, medium or low');
  }
  const severity = properties['problem.severity'];
  if (severity !== undefined && !['error', 'warning', 'recommendation'].includes(String(severity)))
    fail(`${at}.properties.problem.severity`, 'error, warning or recommendation');
  const security = properties['security-severity'];
  if (security !== undefined && !(typeof security === 'string' && Number(security) > 0 && Number(security) <= 10)) {
    fail(`${at}.properties.security-severity`, 'a number above 0.0, up to 10.0, as a string');
  }
}

function checkResult(result: Record<string, unknown>, at: string, ruleIds: readonly string[], fail: Fail): void {
  if (!nonEmptyString(result.ruleId)) fail(`${at}.ruleId`, 'required here: otalint names the rule of every result');
  else if (!ruleIds.includes(result.ruleId)) fail(`${at}.ruleId`, `"${result.ruleId}" is not in tool.driver.rules`);
  if (result.ruleIndex !== undefined && ruleIds[Number(result.ruleIndex)] !== result.ruleId) fail(`${at}.ruleIndex`, 'does not point at the rule of ruleId');
  if (result.level !== undefined && !['none', 'note', 'warning', 'error'].includes(String(result.level))) fail(`${at}.level`, 'none, note, warning or error');
  if (!nonEmptyString(object(result.message)?.text)) fail(`${at}.message.text`, 'required, not empty');

  const locations = Array.isArray(result.locations) ? result.locations : [];
  if (locations.length === 0) fail(`${at}.locations`, 'at least one location, or code scanning does not show the result');
  if (locations.length > 10) fail(`${at}.locations`, `${locations.length} locations; at most 10`);
  locations.forEach((rawLocation, i) => {
    const where = `${at}.locations[${i}].physicalLocation`;
    const physical = object(object(rawLocation)?.physicalLocation);
    if (!physical) return fail(where, 'required');
    const artifact = object(physical.artifactLocation) ?? {};
    const uri = artifact.uri;
    if (!nonEmptyString(uri)) fail(`${where}.artifactLocation.uri`, 'required');
    else if (!isRepositoryUri(uri, artifact.uriBaseId)) {
      fail(`${where}.artifactLocation.uri`, `"${uri}": relative to the repository root (optionally with uriBaseId %SRCROOT%), or an absolute file: URI`);
    }
    const region = object(physical.region);
    if (!region) return fail(`${where}.region`, 'required');
    const { startLine, startColumn, endLine, endColumn } = region as { startLine: number; startColumn: number; endLine: number; endColumn: number };
    if (!positiveInteger(startLine)) fail(`${where}.region.startLine`, `${String(startLine)}; a line number from 1`);
    if (!positiveInteger(startColumn)) fail(`${where}.region.startColumn`, `${String(startColumn)}; a column from 1`);
    if (!positiveInteger(endLine) || endLine < startLine) fail(`${where}.region.endLine`, `${String(endLine)}; from startLine on`);
    if (!positiveInteger(endColumn) || (endLine === startLine && endColumn < startColumn))
      fail(`${where}.region.endColumn`, `${String(endColumn)}; not before startColumn`);
    return undefined;
  });

  const fingerprints = object(result.partialFingerprints);
  if (!fingerprints) fail(`${at}.partialFingerprints`, 'required (code scanning tracks alerts across runs by it)');
  else if (!nonEmptyString(fingerprints.primaryLocationLineHash))
    fail(`${at}.partialFingerprints.primaryLocationLineHash`, 'the one fingerprint code scanning uses');
}

/** A URI code scanning matches against a file of the repository (a relative path), or an absolute file: URI. */
function isRepositoryUri(uri: string, base: unknown): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return base === undefined && uri.startsWith('file:///');
  if (base !== undefined && base !== '%SRCROOT%') return false;
  return !uri.startsWith('/') && !uri.split('/').includes('..') && !uri.includes('\\');
}

function object(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function positiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}
