// Preloaded with `node --import` by bench/allocations.ts: samples every allocation of this process, collected
// ones included (what garbage collection has to deal with), and writes V8's heap profile when it ends.
import fs from 'node:fs';
import inspector from 'node:inspector';

const file = process.env.PF_BENCH_ALLOC_FILE;
if (file) {
  delete process.env.PF_BENCH_ALLOC_FILE; // only the top process, not children it spawns
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  let written = false;
  process.on('beforeExit', async () => {
    if (written) return;
    written = true;
    const { profile } = await post('HeapProfiler.stopSampling');
    fs.writeFileSync(file, JSON.stringify(profile));
  });
}
