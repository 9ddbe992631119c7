/**
 * The monitoring stack of the homelab, on loopback: node_exporter with a textfile collector directory,
 * Alertmanager with the built alertmanager.yml, Prometheus with the built rules, and the test's webhook
 * receiver standing in for the notification relay. Everything lives in one temporary directory and on free
 * ports; every daemon is started here and stopped by `stop()` (by PID), whatever happened in between.
 *
 * The build is the homelab's own (`promforge build --time-scale`): the same rules and routing, with every
 * duration scaled. What the test changes in the built files, and why:
 *   - webhook URLs point at the test's receiver; their paths (/webhook/critical, /webhook/warning) are kept,
 *     so the path an alert arrives at proves its route;
 *   - the SMTP smarthost is a closed loopback port: mail fails at once instead of leaving the machine;
 *   - the `night` time interval's location is a fixed-offset zone in which it is now early afternoon, so the
 *     warning route's night-time mute never applies during the run, whatever the hour (its in-process
 *     routing test covers the night);
 *   - prometheus.yml is the homelab's manifest on loopback (src/prometheus/loopback.ts), emitted by the build's
 *     own emitter with the same time scale: the `node` job keeps only nas-01 (where the Nix build/cache check
 *     runs), at this node_exporter's address, with the labels and external labels production gives it;
 *     targets the test does not run are dropped (their `up == 0` would raise HostDown), and the alerts go to
 *     this Alertmanager.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { loadConfig, RULES_OUT } from '../../src/build/pipeline.js';
import { formatTimeScale, scaleMs, type TimeScale } from '../../src/build/time-scale.js';
import { formatDiagnostic, hasErrors } from '../../src/diagnostics.js';
import { compilePrometheusConfig, loadManifest } from '../../src/prometheus/build.js';
import { onLoopback } from '../../src/prometheus/loopback.js';
import { formatDuration } from '../../src/promql/duration.js';
import { cli, repoRoot } from '../helpers.js';
import { describeDaemons, freePort, startDaemon, stopAll, waitFor, type Daemon } from './processes.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook.js';

export interface Binaries {
  readonly prometheus: string;
  readonly alertmanager: string;
  readonly nodeExporter: string;
}

export interface Stack {
  readonly dir: string;
  /** The built (scaled) output: out/prometheus/rules/*.yaml, out/alertmanager/alertmanager.yml. */
  readonly out: string;
  readonly textfileDir: string;
  readonly prometheusUrl: string;
  readonly alertmanagerUrl: string;
  readonly webhook: WebhookReceiver;
  readonly daemons: readonly Daemon[];
  /** The manifest's external labels, which every alert carries. */
  readonly externalLabels: Readonly<Record<string, string>>;
  /** The host the node job's target is, as `instance`. */
  readonly instance: string;
  /** Every daemon's recent output and the notifications so far, for failure reports. */
  readonly report: () => string;
  readonly stop: () => Promise<void>;
}

/** Where the Nix build/cache check runs, and the one host whose node_exporter the test runs. */
export const INSTANCE = 'nas-01';

/** How long a daemon may take to become ready, and how long a rule or route may take to act. */
export const READY_TIMEOUT_MS = 30_000;

export async function startStack(binaries: Binaries, timeScale: TimeScale, dir: string, prepare: (textfileDir: string) => void): Promise<Stack> {
  const daemons: Daemon[] = [];
  const webhook = await startWebhookReceiver();
  const stop = async (): Promise<void> => {
    try {
      await stopAll(daemons);
    } finally {
      await webhook.close();
    }
  };
  const report = (): string => `${describeDaemons(daemons)}\n----- webhook receiver -----\n${webhook.describe()}`;
  try {
    const out = path.join(dir, 'out');
    const built = await cli(['build', '--time-scale', formatTimeScale(timeScale), '--out', out]);
    if (built.code !== 0) throw new Error(`promforge build --time-scale failed:\n${built.stderr}`);
    const [{ config }, { manifest }] = await Promise.all([loadConfig(repoRoot, {}), loadManifest(repoRoot)]);
    if (!config || !manifest) throw new Error('promforge.config.ts or the host manifest (prometheus/*.ts) did not load');

    const textfileDir = path.join(dir, 'textfile');
    fs.mkdirSync(textfileDir);
    prepare(textfileDir);
    const [nodePort, amPort, promPort, smtpPort] = [await freePort(), await freePort(), await freePort(), await freePort()];

    const nodeExporter = startDaemon('node_exporter', binaries.nodeExporter, [
      `--web.listen-address=127.0.0.1:${nodePort}`,
      // Only the textfile collector: the memory gauges come from the test, through it, like the Nix ones.
      '--collector.disable-defaults',
      '--collector.textfile',
      `--collector.textfile.directory=${textfileDir}`,
    ], dir);
    daemons.push(nodeExporter);

    const amConfig = path.join(dir, 'alertmanager.yml');
    fs.writeFileSync(amConfig, alertmanagerForTest(fs.readFileSync(path.join(out, 'alertmanager/alertmanager.yml'), 'utf8'), webhook.port, smtpPort));
    const alertmanagerUrl = `http://127.0.0.1:${amPort}`;
    const alertmanager = startDaemon('alertmanager', binaries.alertmanager, [
      `--config.file=${amConfig}`,
      `--storage.path=${path.join(dir, 'alertmanager-data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      `--web.external-url=${alertmanagerUrl}/`,
      // No cluster: one instance, no gossip port.
      '--cluster.listen-address=',
    ], dir);
    daemons.push(alertmanager);

    // Beside the built prometheus.yml (kept for comparison), so its rule_files find rules/ the same way.
    const promConfig = path.join(out, 'prometheus/prometheus.loopback.yml');
    const local = onLoopback(manifest, { targets: { node: { [INSTANCE]: nodePort } }, alertmanagers: [amPort] });
    const rules = fs.readdirSync(path.join(out, RULES_OUT)).map((f) => `${RULES_OUT}/${f}`);
    const emitted = compilePrometheusConfig(repoRoot, config, local, rules, { timeScale });
    if (hasErrors(emitted.diagnostics) || !emitted.files[0]) throw new Error(`prometheus.yml on loopback:\n${emitted.diagnostics.map((d) => formatDiagnostic(d)).join('\n')}`);
    fs.writeFileSync(promConfig, emitted.files[0].content);
    const prometheusUrl = `http://127.0.0.1:${promPort}`;
    const prometheus = startDaemon('prometheus', binaries.prometheus, [
      `--config.file=${promConfig}`,
      `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      `--web.external-url=${prometheusUrl}/`,
      // Prometheus re-sends a firing alert at most this often; scaled like every other timer.
      `--rules.alert.resend-delay=${formatDuration(scaleMs(60_000, timeScale))}`,
    ], dir);
    daemons.push(prometheus);

    const ready = (url: string) => async (): Promise<true | undefined> => ((await fetch(url)).ok ? true : undefined);
    await waitFor('node_exporter to serve metrics', ready(`http://127.0.0.1:${nodePort}/metrics`), { timeoutMs: READY_TIMEOUT_MS, daemons });
    await waitFor('Alertmanager to be ready', ready(`${alertmanagerUrl}/-/ready`), { timeoutMs: READY_TIMEOUT_MS, daemons });
    await waitFor('Prometheus to be ready', ready(`${prometheusUrl}/-/ready`), { timeoutMs: READY_TIMEOUT_MS, daemons });

    return {
      dir, out, textfileDir, prometheusUrl, alertmanagerUrl, webhook, daemons,
      externalLabels: manifest.external_labels, instance: INSTANCE, report, stop,
    };
  } catch (e) {
    const logs = report();
    await stop();
    throw new Error(`${(e as Error).message}\n${logs}`, { cause: e });
  }
}

/** The built alertmanager.yml with the test's receiver, a dead SMTP port and a daytime `night` (see above). */
export function alertmanagerForTest(text: string, webhookPort: number, smtpPort: number, now = new Date()): string {
  const doc = parseDocument(text);
  const json = doc.toJS() as {
    receivers?: { webhook_configs?: { url?: string }[] }[];
    time_intervals?: { time_intervals?: { location?: string }[] }[];
  };
  json.receivers?.forEach((r, i) => r.webhook_configs?.forEach((w, j) => {
    if (typeof w.url !== 'string') return;
    const url = new URL(w.url);
    doc.setIn(['receivers', i, 'webhook_configs', j, 'url'], `http://127.0.0.1:${webhookPort}${url.pathname}${url.search}`);
  }));
  if (doc.hasIn(['global', 'smtp_smarthost'])) doc.setIn(['global', 'smtp_smarthost'], `127.0.0.1:${smtpPort}`);
  const zone = afternoonZone(now);
  json.time_intervals?.forEach((t, i) => t.time_intervals?.forEach((_, j) => doc.setIn(['time_intervals', i, 'time_intervals', j, 'location'], zone)));
  const note = ` Rewritten for the end-to-end test: webhooks to 127.0.0.1:${webhookPort}, SMTP to a closed port, time intervals in ${zone}.`;
  doc.commentBefore = doc.commentBefore ? `${doc.commentBefore}\n${note}` : note;
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

/**
 * A fixed-offset zone (tzdata's Etc/GMT±N, whose sign is inverted: Etc/GMT-2 is UTC+2) in which it is 13:00
 * or 14:00 now, hours from any night-time boundary for the length of a test run.
 */
export function afternoonZone(now: Date): string {
  const offset = ((13 - now.getUTCHours() + 36) % 24) - 12; // in -12..11: UTC+offset is 13:xx now
  if (offset === 0) return 'Etc/GMT';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
