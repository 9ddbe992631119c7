/** The few Prometheus and Alertmanager HTTP API calls the end-to-end test reads state through. */

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface PromResponse<T> {
  readonly status: 'success' | 'error';
  readonly data: T;
  readonly error?: string;
}

async function promData<T>(url: string): Promise<T> {
  const r = await getJson<PromResponse<T>>(url);
  if (r.status !== 'success') throw new Error(`GET ${url}: ${r.error ?? r.status}`);
  return r.data;
}

export interface PromSample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: readonly [number, string];
}

export async function query(prometheusUrl: string, expr: string): Promise<readonly PromSample[]> {
  const data = await promData<{ resultType: string; result: PromSample[] }>(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  return data.result;
}

export interface PromRuleGroup {
  readonly name: string;
  readonly file: string;
  readonly lastEvaluation: string;
  readonly rules: readonly { readonly name: string; readonly health: string; readonly lastError?: string }[];
}

export async function ruleGroups(prometheusUrl: string): Promise<readonly PromRuleGroup[]> {
  return (await promData<{ groups: PromRuleGroup[] }>(`${prometheusUrl}/api/v1/rules`)).groups;
}

export interface PromAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly state: 'pending' | 'firing';
  readonly value: string;
}

/** Every alert Prometheus holds as pending or firing. */
export async function prometheusAlerts(prometheusUrl: string): Promise<readonly PromAlert[]> {
  return (await promData<{ alerts: PromAlert[] }>(`${prometheusUrl}/api/v1/alerts`)).alerts;
}

export interface AmAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly fingerprint: string;
  readonly status: { readonly state: 'active' | 'suppressed' | 'unprocessed'; readonly inhibitedBy: readonly string[]; readonly silencedBy: readonly string[] };
  readonly receivers: readonly { readonly name: string }[];
}

/** Alertmanager's alerts matching `filter` (matchers such as `alertname="HostHighMemoryUsage"`). */
export async function alertmanagerAlerts(alertmanagerUrl: string, filter: readonly string[] = []): Promise<readonly AmAlert[]> {
  const params = filter.map((f) => `filter=${encodeURIComponent(f)}`).join('&');
  return getJson<AmAlert[]>(`${alertmanagerUrl}/api/v2/alerts${params ? `?${params}` : ''}`);
}
