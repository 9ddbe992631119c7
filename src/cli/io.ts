/** Where a command writes, so tests can run the CLI in-process and read what it printed. */
export interface CliIO {
  readonly cwd: string;
  out(line: string): void;
  err(line: string): void;
}

export function processIO(): CliIO {
  const out = quietWhenClosed(process.stdout);
  const err = quietWhenClosed(process.stderr);
  return { cwd: process.cwd(), out: (line) => out(`${line}\n`), err: (line) => err(`${line}\n`) };
}

/**
 * A reader that goes away (`promforge build | head -1`) makes the next write fail with EPIPE, which Node
 * raises as an unhandled error. The command still finishes (a build still writes out/, a check still decides
 * its exit code); only what nobody reads any more is dropped.
 */
function quietWhenClosed(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/** Exit codes: 0 fine, 1 invalid input, 2 usage error, 3 lint findings with --lint-fatal (as promtool). */
export const EXIT = { ok: 0, invalid: 1, usage: 2, lint: 3 } as const;
