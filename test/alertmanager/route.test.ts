/** Routing (continue, inheritance), inhibition and time intervals, as Alertmanager evaluates them. */
import { describe, expect, it } from 'vitest';
import { checkAlertmanagerText } from '../../src/alertmanager/check.js';
import {
  buildRouter, formatMatchingTree, formatRouteTree, inhibitingRule, isMutedAt, matchRoutes, notifications, receiversFor,
} from '../../src/alertmanager/route.js';
import { containsTime, parseTimeInterval } from '../../src/alertmanager/timeinterval.js';
import { parseVersion } from '../../src/config/version.js';

const v = parseVersion('0.25.0')!;

function router(yaml: string) {
  const r = checkAlertmanagerText(yaml, 'test.yml', { alertmanagerVersion: v });
  expect(r.diagnostics).toEqual([]);
  return buildRouter(r.document!.config, v);
}

const tree = router(`
route:
  receiver: default
  group_by: [alertname]
  group_wait: 1m
  routes:
    - matchers: ['team="db"']
      receiver: db
      group_by: ['...']
      routes:
        - matchers: ['severity="critical"']
          receiver: db-pager
          continue: true
        - matchers: ['severity=~"critical|warning"']
          receiver: db-chat
    - match: { team: web }
      continue: true
      receiver: web
    - match_re: { team: 'web|api' }
      receiver: api
      mute_time_intervals: [weekend]
receivers: [{name: default}, {name: db}, {name: db-pager}, {name: db-chat}, {name: web}, {name: api}]
time_intervals:
  - name: weekend
    time_intervals: [{weekdays: [saturday, sunday]}]
`);

describe('routing', () => {
  it('stops at the first matching child unless it continues', () => {
    expect(receiversFor(tree.tree, { team: 'db', severity: 'critical' })).toEqual(['db-pager', 'db-chat']);
    expect(receiversFor(tree.tree, { team: 'db', severity: 'warning' })).toEqual(['db-chat']);
    expect(receiversFor(tree.tree, { team: 'web' })).toEqual(['web', 'api']);
    expect(receiversFor(tree.tree, { team: 'api' })).toEqual(['api']);
  });

  it('ends in the deepest matching route, and in the root when nothing matches', () => {
    expect(receiversFor(tree.tree, { team: 'db', severity: 'info' })).toEqual(['db']);
    expect(receiversFor(tree.tree, { team: 'ops' })).toEqual(['default']);
    expect(receiversFor(tree.tree, {})).toEqual(['default']);
  });

  it('inherits receiver, grouping and timing, but not time intervals', () => {
    const [pager] = matchRoutes(tree.tree, { team: 'db', severity: 'critical' });
    expect(pager?.opts).toMatchObject({ receiver: 'db-pager', groupByAll: true, groupWaitMs: 60_000, groupIntervalMs: 300_000, repeatIntervalMs: 4 * 3600_000 });
    const [, api] = matchRoutes(tree.tree, { team: 'web' });
    expect(api?.opts.muteTimeIntervals).toEqual(['weekend']);
    expect(tree.tree.routes[2]?.routes).toEqual([]);
  });

  it('prints the tree and the matching branches like amtool', () => {
    expect(formatRouteTree(tree.tree, v)).toEqual([
      'Routing tree:',
      '.',
      '└── default-route  receiver: default',
      '    ├── {team="db"}  receiver: db',
      '    │\u00a0\u00a0 ├── {severity="critical"}  continue: true  receiver: db-pager',
      '    │\u00a0\u00a0 └── {severity=~"critical|warning"}  receiver: db-chat',
      '    ├── {team="web"}  continue: true  receiver: web',
      '    └── {team=~"^(?:web|api)$"}  receiver: api',
      '',
    ]);
    expect(formatMatchingTree(tree.tree, { team: 'web' }, v)).toEqual([
      'Matching routes:', '.', '└── default-route', '    ├── {team="web"}  receiver: web', '    └── {team=~"^(?:web|api)$"}  receiver: api', '', '',
    ]);
  });

  it('mutes a route inside its mute interval', () => {
    const saturday = new Date('2026-03-07T12:00:00Z');
    const monday = new Date('2026-03-09T12:00:00Z');
    const [, api] = matchRoutes(tree.tree, { team: 'web' });
    expect(isMutedAt(api!, saturday, tree.intervals)).toBe(true);
    expect(isMutedAt(api!, monday, tree.intervals)).toBe(false);
    expect(notifications(tree, { team: 'web' }, { at: saturday })).toEqual(['web']);
    expect(notifications(tree, { team: 'web' }, { at: monday })).toEqual(['web', 'api']);
  });
});

describe('inhibition', () => {
  const r = router(`
route: {receiver: default}
receivers: [{name: default}]
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: [alertname, instance]
  - source_matchers: ['alertname="Maintenance"']
    target_matchers: ['team="db"']
`);
  const warning = { alertname: 'HostHighMemoryUsage', severity: 'warning', instance: 'nas-01:9100' };
  const critical = { ...warning, severity: 'critical' };

  it('mutes a target while a source with equal labels fires', () => {
    expect(inhibitingRule(r.inhibitRules, warning, [critical])?.path).toEqual(['inhibit_rules', 0]);
    expect(inhibitingRule(r.inhibitRules, warning, [{ ...critical, instance: 'nix-cache02:9100' }])).toBeUndefined();
    expect(inhibitingRule(r.inhibitRules, warning, [{ ...critical, alertname: 'HostDown' }])).toBeUndefined();
    expect(inhibitingRule(r.inhibitRules, critical, [warning])).toBeUndefined();
    expect(notifications(r, warning, { firing: [critical] })).toEqual([]);
    expect(notifications(r, warning, { firing: [] })).toEqual(['default']);
  });

  it('counts missing labels as equal, and never lets two-sided matches mute each other', () => {
    expect(inhibitingRule(r.inhibitRules, { team: 'db', alertname: 'X' }, [{ alertname: 'Maintenance' }])?.path).toEqual(['inhibit_rules', 1]);
    const both = { alertname: 'Maintenance', team: 'db' };
    expect(inhibitingRule(r.inhibitRules, both, [both, { ...both, instance: 'b' }])).toBeUndefined();
  });
});

describe('time intervals', () => {
  const parse = (spec: Parameters<typeof parseTimeInterval>[0]) => {
    const r = parseTimeInterval(spec);
    if (!r.ok) throw new Error(r.error);
    return r.interval;
  };

  it('evaluates times in the interval\'s location', () => {
    const night = [parse({ times: [{ start_time: '22:00', end_time: '24:00' }], location: 'Europe/Oslo' }), parse({ times: [{ start_time: '00:00', end_time: '07:00' }], location: 'Europe/Oslo' })];
    const at = (iso: string): boolean => night.some((ti) => containsTime(ti, new Date(iso)));
    expect(at('2026-01-15T21:30:00Z')).toBe(true); // 22:30 in Oslo (UTC+1)
    expect(at('2026-01-15T20:30:00Z')).toBe(false);
    expect(at('2026-07-15T04:30:00Z')).toBe(true); // 06:30 in Oslo (UTC+2)
    expect(at('2026-07-15T05:30:00Z')).toBe(false);
  });

  it('handles days counted from the end of the month, months and years', () => {
    const last = parse({ days_of_month: ['-1'] });
    expect(containsTime(last, new Date('2028-02-29T12:00:00Z'))).toBe(true);
    expect(containsTime(last, new Date('2028-02-28T12:00:00Z'))).toBe(false);
    expect(containsTime(parse({ months: ['december:december'], years: ['2026'] }), new Date('2026-12-01T00:00:00Z'))).toBe(true);
  });

  it.each([
    [{ times: [{ start_time: '22:00', end_time: '07:00' }] }, 'start time cannot be equal or greater than end time'],
    [{ times: [{ start_time: '25:00', end_time: '26:00' }] }, "couldn't parse timestamp 25:00, invalid format"],
    [{ weekdays: ['sat'] }, 'sat is not a valid weekday'],
    [{ weekdays: ['sunday:saturday', 'friday:monday'] }, 'start day cannot be before end day'],
    [{ days_of_month: ['0'] }, '0 is not a valid day of the month: out of range'],
    [{ months: ['march:january'] }, 'end month january is before start month march'],
    [{ location: 'Mars/Olympus' }, 'unknown time zone Mars/Olympus'],
  ])('refuses %j', (spec, error) => {
    expect(parseTimeInterval(spec)).toMatchObject({ ok: false, error });
  });
});
