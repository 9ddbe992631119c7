/**
 * Identity: a dashboard's title and uid, and their uniqueness across what one provider loads.
 */
import { error, formatLocation, type Diagnostic } from '../../diagnostics.js';
import type { DashboardModel } from '../model.js';

/** What Grafana accepts as a uid (and what we use as the file name). */
export const UID_PATTERN = /^[a-zA-Z0-9_-]{1,40}$/;

export const dashboardName = (d: DashboardModel): string => {
  const uid = d.json['uid'];
  const title = d.json['title'];
  return typeof uid === 'string' && uid !== '' ? `dashboard "${uid}"` : typeof title === 'string' && title !== '' ? `dashboard "${title}"` : 'dashboard';
};

/** The API envelope, a missing or empty title, a missing or malformed uid. */
export function checkIdentity(d: DashboardModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const subject = dashboardName(d);
  const inner = d.json['dashboard'];
  if (typeof inner === 'object' && inner !== null && !Array.isArray(inner) && d.json['panels'] === undefined) {
    out.push(error('this is an HTTP API request body ({"dashboard": {...}}), not a dashboard: file provisioning reads the top level as the dashboard, finds no title and skips the file with only a log line ("title cannot be empty")', {
      at: d.locate(['dashboard']), subject, code: 'dashboard/envelope',
      hint: 'save the object under "dashboard" as the file, without the envelope ("dashboard", "folderUid", "overwrite", "message")',
    }));
    return out;
  }
  const title = d.json['title'];
  if (typeof title !== 'string' || title.trim() === '') {
    out.push(error(`title is ${typeof title === 'string' ? 'empty' : 'missing'}: Grafana skips the dashboard on provisioning with only a log line ("title cannot be empty")`, {
      at: d.locate(title === undefined ? [] : ['title']), subject, code: 'dashboard/title',
      hint: "give it a title: new DashboardBuilder('Nix build & cache')",
    }));
  }
  const uid = d.json['uid'];
  if (typeof uid !== 'string' || uid === '') {
    out.push(error('uid is missing: Grafana would make up a new one on every load, breaking every link to the dashboard (and promforge names the file after it)', {
      at: d.locate(uid === undefined ? [] : ['uid']), subject, code: 'dashboard/uid',
      hint: "set a stable one: .uid('nix-build-cache')",
    }));
  } else if (!UID_PATTERN.test(uid)) {
    out.push(error(`uid "${uid}" is not 1 to 40 letters, digits, "-" or "_": Grafana refuses it`, {
      at: d.locate(['uid']), subject, code: 'dashboard/uid',
      hint: uid.length > 40 ? 'shorten it' : 'use only [a-zA-Z0-9_-], e.g. nix-build-cache',
    }));
  }
  return out;
}

/**
 * A uid used twice, or a title used twice in one folder: Grafana's file provider refuses to update any
 * dashboard while that is so, keeping every dashboard it serves at the old version.
 */
export function checkUniqueness(dashboards: readonly DashboardModel[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const uids = new Map<string, DashboardModel>();
  const titles = new Map<string, DashboardModel>();
  for (const d of dashboards) {
    const uid = d.json['uid'];
    const title = d.json['title'];
    if (typeof uid === 'string' && uid !== '') {
      const first = uids.get(uid);
      if (first) {
        out.push(error(`uid "${uid}" is also used by ${where(first)}: the provider stops updating every dashboard while two files share a uid`, {
          at: d.locate(['uid']), subject: dashboardName(d), code: 'dashboard/duplicate-uid', hint: 'give each dashboard its own uid',
        }));
      } else uids.set(uid, d);
    }
    if (typeof title === 'string' && title.trim() !== '') {
      const key = `${d.folder}\u0000${title.trim()}`;
      const first = titles.get(key);
      if (first) {
        out.push(error(`title "${title}" is also used by ${where(first)} in folder "${d.folder || 'General'}": Grafana refuses two dashboards with one title in a folder, and the provider stops updating`, {
          at: d.locate(['title']), subject: dashboardName(d), code: 'dashboard/duplicate-title', hint: 'rename one, or move it to another folder',
        }));
      } else titles.set(key, d);
    }
  }
  return out;
}

function where(d: DashboardModel): string {
  return `${dashboardName(d)} (${formatLocation(d.locate([]))})`;
}
