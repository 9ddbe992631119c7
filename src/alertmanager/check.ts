/**
 * Checking one Alertmanager configuration written by anyone: what `promforge check` does for an
 * `alertmanager.yml`, with `amtool check-config`'s verdicts (test/alertmanager/conformance.test.ts proves them on
 * the Alertmanager project's own fixtures, for the newest release and for Debian's 0.25).
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatVersion, LATEST_ALERTMANAGER, parseVersion, type Version } from '../config/version.js';
import { error, type Diagnostic } from '../diagnostics.js';
import { glob } from '../files/glob.js';
import { alertmanagerTemplateFunctions } from '../template/functions.js';
import { formatTemplateError, parseTemplate } from '../template/parse.js';
import type { AlertmanagerDocument } from './model.js';
import { readAlertmanagerConfig } from './read.js';
import { validateAlertmanagerConfig } from './validate.js';

export interface CheckAlertmanagerOptions {
  /** The release whose rules apply; default the newest (LATEST_ALERTMANAGER). */
  readonly alertmanagerVersion?: Version;
  /**
   * Parse the notification templates the `templates:` globs match (relative to the file's folder), as amtool does.
   * Default true; a glob matching nothing is fine.
   */
  readonly templates?: boolean;
}

export interface AlertmanagerCheck {
  readonly diagnostics: readonly Diagnostic[];
  /** The configuration, when it could be read (even if it has semantic errors). */
  readonly document?: AlertmanagerDocument;
}

export function checkAlertmanagerText(text: string, file: string, options: CheckAlertmanagerOptions = {}): AlertmanagerCheck {
  const read = readAlertmanagerConfig(text, file);
  if (!read.document) return { diagnostics: read.diagnostics };
  const alertmanagerVersion = options.alertmanagerVersion ?? parseVersion(LATEST_ALERTMANAGER)!;
  const diagnostics = validateAlertmanagerConfig(read.document, { alertmanagerVersion });
  if (options.templates !== false && diagnostics.length === 0) diagnostics.push(...checkTemplates(read.document, file, alertmanagerVersion));
  return { diagnostics, document: read.document };
}

/** template.FromGlobs: every file each `templates:` glob matches must parse as a Go template. */
function checkTemplates(doc: AlertmanagerDocument, file: string, version: Version): Diagnostic[] {
  const out: Diagnostic[] = [];
  const funcs = alertmanagerTemplateFunctions(formatVersion(version));
  (doc.config.templates ?? []).forEach((pattern, i) => {
    for (const match of glob(path.resolve(path.dirname(file), pattern))) {
      let text: string;
      try {
        text = fs.readFileSync(match, 'utf8');
      } catch {
        continue;
      }
      const parsed = parseTemplate(text, { name: path.basename(match), funcs });
      if (!parsed.ok) {
        const at = doc.locate(['templates', i]);
        out.push(error(formatTemplateError(parsed.error, path.basename(match)), { ...(at ? { at } : {}), subject: `templates[${i}]` }));
      }
    }
  });
  return out;
}

/** One line for `promforge check`'s summary, as amtool prints it. */
export function summarizeAlertmanagerCheck(file: string, check: AlertmanagerCheck): string {
  if (check.diagnostics.some((d) => d.severity === 'error')) return `${file}: FAILED`;
  const c = check.document?.config;
  const receivers = c?.receivers?.length ?? 0;
  const inhibit = c?.inhibit_rules?.length ?? 0;
  const templates = c?.templates?.length ?? 0;
  return `${file}: SUCCESS: ${receivers} receivers, ${inhibit} inhibit rules, ${templates} templates`;
}
