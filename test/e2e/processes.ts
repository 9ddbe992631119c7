/**
 * The daemons an end-to-end test starts: each one spawned by the test, its output kept (in memory and in a log
 * file in the test's temporary directory) to be printed when something fails, and stopped by its PID, also
 * when the test run is interrupted (SIGINT, SIGTERM) or the worker exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface Daemon {
  readonly name: string;
  readonly pid: number;
  /** Everything it printed so far (stdout and stderr, interleaved as received). */
  readonly output: () => string;
  /** Set once it has exited: the exit code, or the signal that ended it. */
  readonly exit: () => string | undefined;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves once it is gone. */
  readonly stop: (graceMs?: number) => Promise<void>;
}

/** Every daemon still running, so an interrupted run can kill them by PID. */
const running = new Map<number, ChildProcess>();

function killAllNow(): void {
  for (const pid of running.keys()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

const onSignal = (signal: NodeJS.Signals): void => {
  killAllNow();
  process.exit(signal === 'SIGINT' ? 130 : 143);
};
let guarded = false;

/** While daemons run, an interrupt or the worker's exit kills them first. */
function guard(): void {
  if (guarded) return;
  guarded = true;
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', killAllNow);
}

function unguard(): void {
  if (!guarded || running.size > 0) return;
  guarded = false;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('exit', killAllNow);
}

export function startDaemon(name: string, binary: string, args: readonly string[], logDir: string): Daemon {
  guard();
  const logFile = path.join(logDir, `${name}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(binary, [...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: logDir });
  if (child.pid === undefined) {
    fs.closeSync(log);
    throw new Error(`${name}: could not start ${binary}`);
  }
  const pid = child.pid;
  running.set(pid, child);
  const chunks: string[] = [];
  let exitStatus: string | undefined;
  const record = (b: Buffer): void => {
    chunks.push(b.toString('utf8'));
    fs.writeSync(log, b);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitStatus = signal ?? `exit code ${code}`;
      running.delete(pid);
      resolve();
    });
  });
  child.once('error', (e) => {
    exitStatus ??= `failed to start: ${e.message}`;
    running.delete(pid);
  });
  exited.then(() => fs.closeSync(log), () => undefined);
  return {
    name,
    pid,
    output: () => chunks.join(''),
    exit: () => exitStatus,
    stop: async (graceMs = 5_000) => {
      if (exitStatus === undefined) {
        process.kill(pid, 'SIGTERM');
        const timer = setTimeout(() => {
          if (exitStatus === undefined) process.kill(pid, 'SIGKILL');
        }, graceMs);
        await exited;
        clearTimeout(timer);
      }
      unguard();
    },
  };
}

/** Stops every daemon (in reverse start order), even when stopping one of them fails. */
export async function stopAll(daemons: readonly Daemon[]): Promise<void> {
  const failures: string[] = [];
  for (const d of [...daemons].reverse()) {
    try {
      await d.stop();
    } catch (e) {
      failures.push(`${d.name} (pid ${d.pid}): ${(e as Error).message}`);
    }
  }
  unguard();
  if (failures.length > 0) throw new Error(`could not stop: ${failures.join('; ')}`);
}

/** The last lines of each daemon's output, for a failure report. */
export function describeDaemons(daemons: readonly Daemon[], lines = 60): string {
  return daemons.map((d) => {
    const tail = d.output().trimEnd().split('\n').slice(-lines).join('\n');
    return `----- ${d.name} (pid ${d.pid}, ${d.exit() ?? 'running'}), last ${lines} lines -----\n${tail}`;
  }).join('\n');
}

/** A TCP port on loopback that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Give up at once, with their output, when one of these has exited. */
  readonly daemons?: readonly Daemon[];
}

/**
 * Polls `probe` until it returns a value. On timeout the error says what was awaited and what `describe`
 * reports about the last state; the bound is generous, the common case returns as soon as the state is there.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  options: WaitOptions,
  describe: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const dead = options.daemons?.find((d) => d.exit() !== undefined);
    if (dead) throw new Error(`waiting for ${what}: ${dead.name} exited (${dead.exit()})\n${describeDaemons([dead])}`);
    try {
      const v = await probe();
      if (v !== undefined) return v;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const last = lastError instanceof Error ? `\nlast error: ${lastError.message}` : '';
      const state = describe();
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${last}${state ? `\n${state}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}
