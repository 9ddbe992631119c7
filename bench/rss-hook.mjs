// Preloaded with `node --import` when /usr/bin/time is missing: writes this process's peak RSS (KiB) on exit.
import fs from 'node:fs';

const file = process.env.PF_BENCH_RSS_FILE;
if (file) {
  delete process.env.PF_BENCH_RSS_FILE; // only the top process, not children it spawns
  process.on('exit', () => {
    try {
      fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {}
  });
}
