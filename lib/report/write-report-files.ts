import * as fs from 'fs';
import * as path from 'path';
import type { ReportMetadata } from './common';
import { renderReport, ReportFormat } from './formats';
import type { CheckResult } from '../check/engine';

/** One report file to write: the format and the absolute path. */
export interface ReportFileJob {
  /** The report's format. */
  readonly format: ReportFormat;
  /** Absolute path of the file (its directory is created). */
  readonly file: string;
}

/** What became of one report file. */
export interface ReportFileOutcome extends ReportFileJob {
  /**
   * Why the file was not written: `render` a renderer failed (a defect), `write` the file system refused
   * it (`code` as Node gives it: EACCES, ENOTDIR ...). @default - written
   */
  readonly failure?: { readonly stage: 'render' | 'write'; readonly error: Error & { code?: string } };
  /** Whether the second thread rendered it. @default false */
  readonly worker?: boolean;
}

/**
 * Whether the reports are rendered on a second thread: `auto` when a run is large enough for it to pay
 * (see {@link PARALLEL_FROM_FINDINGS}) and there are two reports or more, `on` whenever there are two
 * or more, `off` never.
 */
export type ReportThreads = 'auto' | 'on' | 'off';

/** How {@link writeReportFiles} runs. */
export interface WriteReportFilesOptions {
  /** Whether part of the reports is rendered on a second thread. @default 'auto' */
  readonly threads?: ReportThreads;
  /**
   * Work this thread does after its share of the files and before it waits for the worker (the CLI
   * renders its standard output report here), with the format it renders, counted when the work is
   * shared. Run after the files when there is no worker. @default - none
   */
  readonly alsoHere?: { readonly format: ReportFormat; readonly run: () => void };
}

/**
 * Findings from which `auto` renders on a second thread. Below it the thread's start and the copy of the
 * result cost about what they save (measured: on 62,344 findings the copy is ~0.3 s on this thread,
 * the rendering ~5 s).
 */
export const PARALLEL_FROM_FINDINGS = 10_000;

/**
 * Relative cost of rendering each format on large results (measured on 10,000 Deployments with 62,344
 * findings, ms wall alone: OSCAL ~1,000, HTML ~650, SARIF and JUnit ~630, JSON ~500, Markdown ~400, DOT ~250),
 * used to share the work between the threads.
 */
const COST: Readonly<Record<ReportFormat, number>> = { oscal: 10, html: 7, sarif: 6, junit: 6, json: 5, markdown: 4, dot: 2 };
/** What starting the second thread costs it (loading the renderers, reading the copied result), and copying it costs this one. */
const WORKER_START = 9;
const COPY = 3;

/** How long this thread waits for the second one before it renders that thread's reports itself. */
const WAIT_MS = 10 * 60 * 1000;

/**
 * Renders and writes report files, in the order given, and says what became of each: every job is
 * tried (a failed one does not stop the others). With two or more large reports, part of them is
 * rendered on a worker thread while this thread renders the rest (the two cores a CI runner has,
 * used for the cost of rendering: on 62,344 findings every report together took ~5 s on one thread),
 * with the same bytes: the worker runs the same renderers on a structured copy of the result.
 * Synchronous: this thread waits for the worker before it returns.
 */
export function writeReportFiles(
  jobs: readonly ReportFileJob[],
  result: CheckResult,
  meta: ReportMetadata,
  options: WriteReportFilesOptions = {},
): ReportFileOutcome[] {
  const threads = options.threads ?? 'auto';
  const parallel = jobs.length >= 2 && (threads === 'on' || (threads === 'auto' && result.findings.length >= PARALLEL_FROM_FINDINGS));
  const worker = parallel ? startWorker(jobs, result, meta, options.alsoHere?.format) : undefined;
  if (!worker) {
    const written = jobs.map((j) => writeReportFile(j, result, meta));
    options.alsoHere?.run();
    return written;
  }
  const outcomes = new Map<ReportFileJob, ReportFileOutcome>();
  for (const j of worker.mine) outcomes.set(j, writeReportFile(j, result, meta));
  let theirs: ReportFileOutcome[] | undefined;
  try {
    options.alsoHere?.run();
  } finally {
    // Waited for even when that work throws: the worker may still be writing files.
    theirs = worker.wait();
  }
  worker.theirs.forEach((j, i) => outcomes.set(j, theirs?.[i] ?? writeReportFile(j, result, meta)));
  return jobs.map((j) => outcomes.get(j)!);
}

/** Renders and writes one report file. */
export function writeReportFile(job: ReportFileJob, result: CheckResult, meta: ReportMetadata): ReportFileOutcome {
  let text: string;
  try {
    text = renderReport(job.format, result, meta);
  } catch (e) {
    return { ...job, failure: { stage: 'render', error: e as Error } };
  }
  try {
    fs.mkdirSync(path.dirname(job.file), { recursive: true });
    fs.writeFileSync(job.file, text, 'utf8');
  } catch (e) {
    return { ...job, failure: { stage: 'write', error: e as Error } };
  }
  return job;
}

/** The message the worker posts when it is done: per job, nothing (written) or why not. */
export type WorkerFailure = { stage: 'render' | 'write'; message: string; code?: string; stack?: string } | null;

/** The data the worker is started with (structured-cloned). */
export interface WorkerInput {
  readonly jobs: readonly ReportFileJob[];
  readonly result: CheckResult;
  readonly meta: ReportMetadata;
  /** [0]: 0 running, 1 done. */
  readonly signal: Int32Array;
  readonly port: import('worker_threads').MessagePort;
}

interface StartedWorker {
  readonly mine: readonly ReportFileJob[];
  readonly theirs: readonly ReportFileJob[];
  /** Waits for the worker; its outcomes in the order of `theirs`, or undefined when it did not finish. */
  wait(): ReportFileOutcome[] | undefined;
}

/**
 * Starts the worker with its share of the jobs, or returns undefined when there is none to start:
 * the worker's compiled module is missing (running from TypeScript sources) or the result cannot
 * be copied to it (then everything is rendered here, as without threads).
 */
function startWorker(
  jobs: readonly ReportFileJob[], result: CheckResult, meta: ReportMetadata, alsoHere: ReportFormat | undefined,
): StartedWorker | undefined {
  const script = workerScript();
  if (!script) return undefined;
  const { mine, theirs } = share(jobs, alsoHere);
  if (theirs.length === 0 || mine.length === 0) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MessageChannel, receiveMessageOnPort, Worker } = require('worker_threads') as typeof import('worker_threads');
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const channel = new MessageChannel();
  let worker: import('worker_threads').Worker;
  try {
    const workerData: WorkerInput = { jobs: theirs, result: copyable(result), meta: copyableMeta(meta), signal, port: channel.port2 };
    worker = new Worker(script, { workerData, transferList: [channel.port2], stdout: false, stderr: false });
  } catch {
    channel.port1.close();
    return undefined;
  }
  // The process may exit while the worker winds down: this thread has its answer by then.
  worker.unref();
  return {
    mine,
    theirs,
    wait() {
      const done = Atomics.wait(signal, 0, 0, WAIT_MS) !== 'timed-out';
      const message = done ? receiveMessageOnPort(channel.port1) : undefined;
      channel.port1.close();
      if (!message) {
        void worker.terminate();
        return undefined;
      }
      return (message.message as WorkerFailure[]).map((failure, i) =>
        (failure ? { ...theirs[i], worker: true, failure: { stage: failure.stage, error: revived(failure) } } : { ...theirs[i], worker: true }));
    },
  };
}

/** The compiled worker next to this module, or undefined (TypeScript sources: tests run renderers in one thread). */
function workerScript(): string | undefined {
  try {
    const file = require.resolve('./report-files-worker');
    return file.endsWith('.js') ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Shares the jobs between this thread and the worker, longest first onto the less loaded one; the
 * worker starts behind by its start-up, this thread by copying the result. Each keeps the jobs' order.
 */
function share(jobs: readonly ReportFileJob[], alsoHere: ReportFormat | undefined): { mine: ReportFileJob[]; theirs: ReportFileJob[] } {
  let here = COPY + (alsoHere ? COST[alsoHere] : 0), there = WORKER_START;
  const toWorker = new Set<ReportFileJob>();
  for (const j of [...jobs].sort((a, b) => COST[b.format] - COST[a.format])) {
    if (there < here) {
      toWorker.add(j);
      there += COST[j.format];
    } else {
      here += COST[j.format];
    }
  }
  return { mine: jobs.filter((j) => !toWorker.has(j)), theirs: jobs.filter((j) => toWorker.has(j)) };
}

/** The result without the rules' check functions (which cannot be copied and renderers do not call). */
function copyable(result: CheckResult): CheckResult {
  return { ...result, rules: result.rules.map((r) => dataOnly(r)) };
}

/** Input problems as plain data: an Error subclass would lose its file, line and reason in the copy. */
function copyableMeta(meta: ReportMetadata): ReportMetadata {
  if (!meta.inputProblems) return meta;
  const inputProblems = meta.inputProblems.map((p) => ({ file: p.file, ...(p.line !== undefined ? { line: p.line } : {}), reason: p.reason }));
  return { ...meta, inputProblems };
}

function dataOnly<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v !== 'function') out[k] = v;
  return out as T;
}

function revived(f: NonNullable<WorkerFailure>): Error & { code?: string } {
  const e: Error & { code?: string } = new Error(f.message);
  if (f.code !== undefined) e.code = f.code;
  if (f.stack !== undefined) e.stack = f.stack;
  return e;
}
