import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { BIN, tempProject } from './helpers/run-cli.js';
import { documentedConfig, EDITOR_REQUEST } from './support/editor-setup.js';
import { noteSkipped } from './support/programs.js';

/**
 * Another editor nobody here wrote: Debian's Emacs with eglot (built in from Emacs 29; Debian 12
 * has Emacs 28 and the elpa-eglot package), in batch mode, with the set-up docs/editors.md gives
 * users, opening a bad request, reading what flymake holds, and applying a quick fix through
 * eglot's own code-action request and workspace-edit code.
 */
const test = suite('Emacs (batch) with eglot and otalint lsp --stdio');
const EMACS_ARGS = ['--batch', '-q', '--eval', '(package-initialize)'];
const hasEglot = spawnSync('emacs', [...EMACS_ARGS, '--eval', "(require 'eglot)"], { encoding: 'utf8', timeout: 60_000 }).status === 0;
if (!hasEglot) noteSkipped('Emacs tests', "emacs with eglot is not installed (.ci/run installs Debian's emacs-nox and elpa-eglot)");
const maybe = hasEglot ? test : test.skip;

const DRIVER = `;; Emacs 28 opens .json in js-mode; Emacs 29 and later in js-json-mode, which the config names.
(unless (fboundp 'js-json-mode)
  (define-derived-mode js-json-mode js-mode "JSON")
  (add-to-list 'auto-mode-alist '("\\\\.json\\\\'" . js-json-mode)))
(require 'eglot)
(defun otalint-wait (pred)
  (let ((deadline (+ (float-time) 30)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))
(defun otalint-lsp (diag key) (plist-get (cdr (assoc 'eglot-lsp-diag (eglot--diag-data diag))) key))
(defun otalint-findings ()
  (seq-into (mapcar (lambda (d)
            (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
              (save-excursion
                (goto-char beg)
                \`((line . ,(1- (line-number-at-pos beg))) (col . ,(- beg (line-beginning-position)))
                  (endcol . ,(- end (line-beginning-position))) (code . ,(otalint-lsp d :code))
                  (message . ,(otalint-lsp d :message)) (type . ,(symbol-name (flymake-diagnostic-type d)))))))
          (flymake-diagnostics)) 'vector))
(defun otalint-done (result)
  (with-temp-file (getenv "OTALINT_EMACS_OUT") (insert (json-encode result)))
  (kill-emacs 0))
(find-file "update.json")
;; eglot-ensure starts the server after the command that opened the file; batch runs no commands.
(apply #'eglot (eglot--guess-contact))
(unless (otalint-wait #'flymake-diagnostics) (otalint-done '(:error "no diagnostics")))
(let* ((before (otalint-findings))
       (target (seq-find (lambda (d) (equal (otalint-lsp d :code) "protocols-combination")) (flymake-diagnostics)))
       (actions (and target (eglot-code-actions (flymake-diagnostic-beg target) (flymake-diagnostic-end target))))
       (titles (seq-into (mapcar (lambda (a) (plist-get a :title)) actions) 'vector))
       (fix (seq-find (lambda (a) (equal (plist-get a :title) "Fix this protocols-combination problem")) actions)))
  (unless fix (otalint-done (list :error "no fix" :before before :titles titles)))
  (eglot--apply-workspace-edit (plist-get fix :edit))
  ;; What Emacs's idle timers do after an edit (batch Emacs is never idle): send it, check again.
  (eglot--signal-textDocument/didChange)
  (flymake-start)
  (let* ((fixed (otalint-wait (lambda () (save-excursion (goto-char (point-min)) (search-forward "\\"MQTT\\"" nil t)))))
         (cleared (otalint-wait (lambda () (not (seq-find (lambda (d) (equal (otalint-lsp d :code) "protocols-combination")) (flymake-diagnostics)))))))
    (otalint-done (list :before before :titles titles :fixed (if fixed t :json-false) :cleared (if cleared t :json-false)
                        :text (buffer-substring-no-properties (point-min) (point-max)) :after (otalint-findings)))))
`;

interface EmacsFinding {
  line: number;
  col: number;
  endcol: number;
  code: string;
  message: string;
  type: string;
}

maybe('shows the findings at the right character columns and applies a quick fix', () => {
  const root = tempProject({ 'update.json': EDITOR_REQUEST, 'config.el': documentedConfig('### Emacs', 'elisp'), 'driver.el': DRIVER });
  // `otalint` on PATH, as the documented config expects: the built binary.
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'otalint'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(path.join(bin, 'otalint'), 0o755);
  const out = path.join(root, 'result.json');
  const run = spawnSync('emacs', [...EMACS_ARGS, '-l', 'config.el', '-l', 'driver.el'], {
    cwd: root,
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, OTALINT_EMACS_OUT: out, HOME: root },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(run.status, 0, `emacs: ${run.stderr}${run.stdout}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as {
    error?: string;
    before: EmacsFinding[];
    titles: string[];
    fixed: boolean;
    cleared: boolean;
    text: string;
    after: EmacsFinding[];
  };
  assert.equal(result.error, undefined, JSON.stringify(result));

  const line = EDITOR_REQUEST.split('\n')[1]!;
  const id = result.before.find((d) => d.line === 1)!;
  assert.ok(id, 'the otaUpdateId finding');
  assert.equal(id.code, 'aws-api-model');
  assert.equal(id.type, 'eglot-error');
  const start = [...line.slice(0, line.indexOf('"fw 1.2"'))].length;
  assert.deepEqual([id.col, id.endcol], [start, start + '"fw 1.2"'.length], 'character columns of "fw 1.2", after the emoji');

  assert.ok(result.titles.includes('Fix this protocols-combination problem'), JSON.stringify(result.titles));
  assert.ok(result.titles.includes('Disable protocols-combination for /protocols/0 (suppression in .otalintrc.json)'), JSON.stringify(result.titles));
  assert.ok(result.fixed, 'the fix was applied to the buffer');
  assert.equal(result.text, EDITOR_REQUEST.replace('"mqtt"', '"MQTT"'));
  assert.ok(result.cleared, 'the fixed finding is gone from flymake');
  assert.ok(
    result.after.some((d) => d.code === 'aws-api-model'),
    'the other finding stays',
  );
});

test.run();
