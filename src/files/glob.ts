/**
 * Go's filepath.Glob, for the file lists the Go tools expand (Alertmanager's `templates:`, prometheus.yml's
 * `rule_files`): the same matches in the same order.
 */
import fs from 'node:fs';
import path from 'node:path';

/** `*`, `?` and `[...]` within one path element; sorted matches (files only), none is not an error. */
export function glob(pattern: string): string[] {
  const parts = pattern.split(path.sep);
  let found = [parts[0] === '' ? path.sep : parts[0]!];
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    const next: string[] = [];
    const re = /[*?[]/.test(part) ? globPart(part) : undefined;
    for (const dir of found) {
      if (!re) {
        const p = path.join(dir, part);
        if (fs.existsSync(p)) next.push(p);
        continue;
      }
      let entries: string[] = [];
      try {
        entries = fs.readdirSync(dir);
      } catch {
        continue;
      }
      for (const e of entries.sort()) if (re.test(e)) next.push(path.join(dir, e));
    }
    found = next;
  }
  return found.filter((f) => fs.existsSync(f) && fs.statSync(f).isFile());
}

function globPart(part: string): RegExp | undefined {
  let re = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = part.indexOf(']', i + 2);
      if (end < 0) return undefined;
      let cls = part.slice(i + 1, end);
      if (cls.startsWith('^')) cls = `^${cls.slice(1)}`;
      re += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < part.length) re += part[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'su');
}
