// Module resolution hook (module.register) for the compiled CLI: declarations import 'promforge', which the
// package's exports resolve to src/index.ts; they get dist/index.js instead, the build of it the CLI itself
// runs, so declarations and the pipeline share one instance of every module (and tsx transforms no src/).
let from;
let to;

export function initialize(data) {
  ({ from, to } = data);
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  return resolved.url === from ? { ...resolved, url: to } : resolved;
}
