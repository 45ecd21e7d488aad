import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { BIN, tempProject } from './helpers/run-cli.js';
import { documentedConfig, EDITOR_REQUEST } from './support/editor-setup.js';
import { hasProgram, noteSkipped } from './support/programs.js';

/**
 * An editor nobody here wrote: Debian's Neovim, headless, with its built-in LSP client set up by
 * the Lua block docs/editors.md gives users, opening a bad request, reading what
 * `vim.diagnostic.get()` holds, and applying a quick fix through Neovim's own code-action path
 * (`vim.lsp.buf.code_action`, the choice made by a stand-in for `vim.ui.select`).
 */
const test = suite('Neovim (headless) with otalint lsp --stdio');
const hasNeovim = hasProgram('nvim');
if (!hasNeovim) noteSkipped('Neovim tests', "nvim is not installed (.ci/run installs Debian's neovim)");
const maybe = hasNeovim ? test : test.skip;

const DRIVER = `
local out = os.getenv('OTALINT_NVIM_OUT')
local function done(result)
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end
vim.cmd('edit update.json')
local buf = vim.api.nvim_get_current_buf()
local function findings()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity,
      message = d.message, source = d.source, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) })
  end
  return list
end
if not vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then return done({ error = 'no diagnostics' }) end
local before = findings()
local target
for _, d in ipairs(before) do if d.code == 'protocols-combination' then target = d end end
if not target then return done({ error = 'no protocols-combination finding', before = before }) end
vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
local titles = {}
vim.ui.select = function(items, _, on_choice)
  local chosen, index
  for i, item in ipairs(items) do
    local action = item.action or item[2]
    table.insert(titles, action.title)
    if action.title == 'Fix this protocols-combination problem' then chosen, index = item, i end
  end
  on_choice(chosen, index)
end
vim.lsp.buf.code_action()
local function text() return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\\n') end
local fixed = vim.wait(30000, function() return text():find('"MQTT"', 1, true) ~= nil end, 50)
local cleared = vim.wait(30000, function()
  for _, d in ipairs(findings()) do if d.code == 'protocols-combination' then return false end end
  return true
end, 50)
done({ before = before, titles = titles, fixed = fixed, cleared = cleared, text = text(), after = findings() })
`;

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code: string;
}

maybe('shows the findings at the right byte columns and applies a quick fix', () => {
  const root = tempProject({ 'update.json': EDITOR_REQUEST, 'init.lua': documentedConfig('### Neovim', 'lua'), 'driver.lua': DRIVER });
  // `otalint` on PATH, as the documented config expects: the built binary.
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'otalint'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(path.join(bin, 'otalint'), 0o755);
  const out = path.join(root, 'result.json');
  const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', 'init.lua', '-c', 'luafile driver.lua'], {
    cwd: root,
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      OTALINT_NVIM_OUT: out,
      XDG_STATE_HOME: root,
      XDG_DATA_HOME: root,
      XDG_CONFIG_HOME: root,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(run.status, 0, `nvim: ${run.stderr}${run.stdout}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as {
    error?: string;
    before: NvimDiagnostic[];
    titles: string[];
    fixed: boolean;
    cleared: boolean;
    text: string;
    after: NvimDiagnostic[];
  };
  assert.equal(result.error, undefined, JSON.stringify(result));

  const lines = EDITOR_REQUEST.split('\n');
  const id = result.before.find((d) => d.lnum === 1)!;
  assert.ok(id, 'the otaUpdateId finding');
  assert.equal(id.code, 'aws-api-model');
  assert.equal(id.source, 'otalint');
  assert.equal(id.severity, 1, 'an error');
  const start = Buffer.byteLength(lines[1]!.slice(0, lines[1]!.indexOf('"fw 1.2"')));
  assert.deepEqual([id.col, id.end_col], [start, start + Buffer.byteLength('"fw 1.2"')], 'byte columns of "fw 1.2", after the emoji');

  assert.ok(result.titles.includes('Fix this protocols-combination problem'), JSON.stringify(result.titles));
  assert.ok(result.titles.includes('Disable protocols-combination for /protocols/0 (suppression in .otalintrc.json)'), JSON.stringify(result.titles));
  assert.ok(result.fixed, 'the fix was applied to the buffer');
  assert.equal(result.text, EDITOR_REQUEST.replace('"mqtt"', '"MQTT"').trimEnd());
  assert.ok(result.cleared, 'the fixed finding is gone from vim.diagnostic');
  assert.ok(
    result.after.some((d) => d.code === 'aws-api-model'),
    'the other finding stays',
  );
});

test.run();
