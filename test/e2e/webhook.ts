/**
 * The test's own webhook receiver: what the homelab's notification relay would get from Alertmanager. It keeps
 * every POST with its path (/webhook/critical, /webhook/warning), so a test can prove which receiver an alert
 * was routed to, not only that it was sent.
 */
import http from 'node:http';

/** Alertmanager's webhook payload (version 4), the fields the tests read. */
export interface WebhookAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly fingerprint: string;
}

export interface WebhookPayload {
  readonly version: string;
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly WebhookAlert[];
  readonly groupLabels: Readonly<Record<string, string>>;
}

export interface Notification {
  /** Order of arrival, from 0. */
  readonly seq: number;
  readonly path: string;
  readonly payload: WebhookPayload;
}

export interface WebhookReceiver {
  readonly port: number;
  readonly notifications: () => readonly Notification[];
  /** One line per notification, for failure messages. */
  readonly describe: () => string;
  readonly close: () => Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Notification[] = [];
  const server = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (b: Buffer) => body.push(b));
    req.on('end', () => {
      try {
        const payload = JSON.parse(Buffer.concat(body).toString('utf8')) as WebhookPayload;
        received.push({ seq: received.length, path: req.url ?? '', payload });
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('webhook receiver: no port');
  return {
    port: address.port,
    notifications: () => received,
    describe: () => received.length === 0 ? 'no notifications received' : received.map((n) =>
      `#${n.seq} ${n.path} ${n.payload.status}: ${n.payload.alerts.map((a) => `${a.status} ${a.labels['alertname']}{severity=${a.labels['severity']}}`).join(', ')}`,
    ).join('\n'),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The alerts of every notification to `path`, each with its notification's position. */
export function alertsAt(receiver: WebhookReceiver, path: string): { seq: number; alert: WebhookAlert }[] {
  return receiver.notifications().filter((n) => n.path === path).flatMap((n) => n.payload.alerts.map((alert) => ({ seq: n.seq, alert })));
}
