/**
 * The worker thread of {@link writeReportFiles}: renders and writes its share of the report files
 * from the copied result, posts what became of each, and signals the waiting thread, whatever happens
 * (the waiting thread is blocked until then).
 */
import { workerData } from 'worker_threads';
import type { WorkerFailure, WorkerInput } from './write-report-files';

const input = workerData as WorkerInput;
const failures: WorkerFailure[] = [];
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeReportFile } = require('./write-report-files') as typeof import('./write-report-files');
  for (const job of input.jobs) {
    const outcome = writeReportFile(job, input.result, input.meta);
    const f = outcome.failure;
    failures.push(f ? { stage: f.stage, message: f.error.message, code: f.error.code, stack: f.error.stack } : null);
  }
} catch (e) {
  // Not reached by a renderer's or a write's error (each is an outcome): the module could not load.
  const error = e as Error;
  while (failures.length < input.jobs.length) failures.push({ stage: 'render', message: error.message, stack: error.stack });
} finally {
  try {
    input.port.postMessage(failures);
  } finally {
    Atomics.store(input.signal, 0, 1);
    Atomics.notify(input.signal, 0);
  }
}
