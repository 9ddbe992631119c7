/** Where a command writes, so tests can run the CLI in-process and read what it printed. */
export interface CliIO {
  readonly cwd: string;
  out(line: string): void;
  err(line: string): void;
}

export const processIO = (): CliIO => ({
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});

/** Exit codes: 0 fine, 1 invalid input, 2 usage error, 3 lint findings with --lint-fatal (as promtool). */
export const EXIT = { ok: 0, invalid: 1, usage: 2, lint: 3 } as const;
