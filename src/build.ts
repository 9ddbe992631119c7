/**
 * The build entry: `npm run build` runs this file. Same as `promforge build`; flags pass through, e.g.
 * `npm run build -- --prometheus-version 3.5 --out /tmp/out`.
 */
import { main } from './cli/main.js';

process.exitCode = await main(['build', ...process.argv.slice(2)]);
