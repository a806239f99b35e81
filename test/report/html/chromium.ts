/**
 * A small client for headless Chromium over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
 * the browser reads commands on fd 3 and writes replies on fd 4, each a JSON message ending in NUL).
 * No dependency: it opens a page, collects every console error, exception and log error (a CSP
 * violation is one), and evaluates expressions in the page.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Readable, Writable } from 'stream';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

interface Message {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { message: string };
  sessionId?: string;
}

/** What a page did while it loaded. */
export interface PageRun {
  /** Console errors, uncaught exceptions and log entries of level error, as text. */
  readonly errors: string[];
  /** The values of the expressions evaluated after load, in order. */
  readonly values: unknown[];
}

/** Options of {@link runPage}. */
export interface RunPageOptions {
  /** Whether the page may run scripts. @default true */
  readonly javascript?: boolean;
  /** CSS media type to emulate (`print`). @default - screen */
  readonly media?: string;
  /** Expressions evaluated in the page after it loaded (returned by value). @default none */
  readonly evaluate?: readonly string[];
}

/** A headless Chromium; {@link withChromium} starts one and always stops it. */
export class Chromium {
  constructor(private readonly client: PipeClient) {}

  /** Opens a file in a new page, waits for load, evaluates, and closes the page. */
  async run(file: string, options: RunPageOptions = {}): Promise<PageRun> {
    const client = this.client;
    const { targetId } = await client.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await client.send('Target.attachToTarget', { targetId, flatten: true });
    const errors: string[] = [];
    client.onEvent = (m) => {
      if (m.sessionId !== sessionId) return;
      if (m.method === 'Runtime.exceptionThrown') errors.push(`exception: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`);
      if (m.method === 'Runtime.consoleAPICalled' && (m.params.type === 'error' || m.params.type === 'assert')) {
        errors.push(`console.${m.params.type}: ${m.params.args.map((a: any) => a.value ?? a.description).join(' ')}`);
      }
      if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error') errors.push(`log (${m.params.entry.source}): ${m.params.entry.text}`);
    };
    await client.send('Runtime.enable', {}, sessionId);
    await client.send('Log.enable', {}, sessionId);
    await client.send('Page.enable', {}, sessionId);
    if (options.media) await client.send('Emulation.setEmulatedMedia', { media: options.media }, sessionId);
    if (options.javascript === false) await client.send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId);
    const loaded = client.waitFor((m) => m.sessionId === sessionId && m.method === 'Page.loadEventFired');
    await client.send('Page.navigate', { url: `file://${path.resolve(file)}` }, sessionId);
    await loaded;
    const values: unknown[] = [];
    for (const expression of options.evaluate ?? []) {
      const r = await client.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId);
      if (r.exceptionDetails) throw new Error(`evaluating ${expression}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      values.push(r.result.value);
    }
    await client.send('Target.closeTarget', { targetId });
    return { errors, values };
  }
}

/** Starts a headless Chromium, gives it to `body`, and stops it (within `timeoutMs` overall). */
export async function withChromium<T>(body: (chromium: Chromium) => Promise<T>, timeoutMs: number = 20000): Promise<T> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-chromium-'));
  const child = spawn(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--no-default-browser-check', '--disable-extensions', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const client = new PipeClient(child);
  const timer = setTimeout(() => client.fail(new Error(`Chromium did not finish within ${timeoutMs} ms`)), timeoutMs);
  try {
    return await body(new Chromium(client));
  } finally {
    clearTimeout(timer);
    client.quiet = true;
    await client.send('Browser.close').catch(() => undefined);
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (grace = setTimeout(resolve, 2000)))]);
    clearTimeout(grace);
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    for (const s of child.stdio) s?.destroy();
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

class PipeClient {
  /** Set once the browser is being closed: its exit is then no failure. */
  public quiet = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  private readonly waiters: { test: (m: Message) => boolean; resolve: () => void; reject: (e: Error) => void }[] = [];
  private buffer = '';
  private readonly input: Writable;
  private failure?: Error;

  constructor(child: ChildProcess) {
    this.input = child.stdio[3] as Writable;
    const output = child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    child.on('exit', (code) => !this.quiet && this.fail(new Error(`Chromium exited (${code}) before the page was done`)));
    child.on('error', (e) => this.fail(e));
  }

  /** Called with every event the browser sends. */
  public onEvent: (m: Message) => void = () => undefined;

  send(method: string, params: object = {}, sessionId?: string): Promise<any> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    this.input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  waitFor(test: (m: Message) => boolean): Promise<void> {
    return new Promise((resolve, reject) => this.waiters.push({ test, resolve, reject }));
  }

  fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    for (const p of this.pending.values()) p.reject(e);
    for (const w of this.waiters) w.reject(e);
    this.pending.clear();
    this.waiters.length = 0;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\0')) >= 0) {
      const m = JSON.parse(this.buffer.slice(0, end)) as Message;
      this.buffer = this.buffer.slice(end + 1);
      if (m.id !== undefined) {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error) p?.reject(new Error(m.error.message));
        else p?.resolve(m.result);
      } else {
        this.onEvent(m);
        for (let i = this.waiters.length - 1; i >= 0; i--) {
          if (this.waiters[i].test(m)) {
            this.waiters[i].resolve();
            this.waiters.splice(i, 1);
          }
        }
      }
    }
  }
}
