// Starts a TypeScript child (via tsx) that prints "READY …" when serving; it exits when we close its stdin.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from './common.js';

export interface Child {
  ready: string[];
  proc: ChildProcess;
  stop: () => Promise<void>;
}

export function startChild(script: string, env: Record<string, string>, timeoutMs = 90_000): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errText = '';
  proc.stderr!.on('data', (d) => (errText = (errText + d).slice(-2000)));
  const stop = () =>
    new Promise<void>((done) => {
      if (proc.exitCode !== null) return done();
      const kill = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      proc.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      proc.stdin!.end();
    });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${script} did not become ready: ${errText}`));
    }, timeoutMs);
    let buf = '';
    proc.stdout!.on('data', (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        clearTimeout(timer);
        proc.stdout!.resume();
        resolvePromise({ ready: line.split(' ').slice(1), proc, stop });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before ready: ${errText}`));
    });
  });
}
