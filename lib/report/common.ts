import * as crypto from 'crypto';
import type { Provenance } from './provenance';
import type { BaaRegister } from '../baa/baa-register';
import { COMPOSE_NETWORK, COMPOSE_PROJECT, COMPOSE_SERVICE, DAEMON_CONFIG, DOCKERFILE } from '../check/docker/kinds';
import type { CheckResult } from '../check/engine';
import type { Finding } from '../check/finding';
import { describeResource, isKubernetesKind, ResourceRef, SourceLocation } from '../check/resource';
import type { FlowGraph } from '../flows/flow-graph';

/** Which unwaived findings fail a check: errors only, warnings too, or none. */
export type FailOn = 'error' | 'warning' | 'never';

/** What a report says about the run besides the findings. Every field is optional. */
export interface ReportMetadata {
  /** Name of the tool. @default 'hipaa-check' */
  readonly toolName?: string;
  /** Version of the tool. @default - not reported */
  readonly toolVersion?: string;
  /** Name of the rule pack that ran. @default - not reported */
  readonly packName?: string;
  /** Files or directories that were read. @default - not reported */
  readonly inputs?: readonly string[];
  /** When the report was made; reports carry no time unless one is given. @default - none */
  readonly generatedAt?: Date;
  /** Which unwaived findings fail the check. @default 'error' */
  readonly failOn?: FailOn;
  /** Kubernetes version the check assumed. @default - not reported */
  readonly kubernetesVersion?: string;
  /** Registries images were allowed from. @default - not reported */
  readonly allowedRegistries?: readonly string[];
  /**
   * The objects that were checked (kind is enough); lets the compliance report say how many
   * objects each rule and citation covered. @default - counts are not reported
   */
  readonly objects?: readonly ResourceRef[];
  /**
   * Input that could not be read (a file that is not YAML, not UTF-8, an unrendered Helm
   * template, a document that is not an object...). Its objects were not checked, so a report
   * with input problems never passes. @default - none
   */
  readonly inputProblems?: readonly InputProblem[];
  /** SHA-256 of each input file and the git commit the check ran on. @default - not recorded */
  readonly provenance?: Provenance;
  /**
   * The PHI data-flow graph of the checked objects (lib/flows): the HTML report draws it, the Markdown
   * report adds it as a Mermaid block, OSCAL records it as evidence. @default - not reported
   */
  readonly flowGraph?: FlowGraph;
  /** The BAA register the check used: reports list its vendors and their BAAs. @default - none given */
  readonly baaRegister?: BaaRegister;
}

/** A file (or a document in it) that could not be read; `ManifestError` is one. */
export interface InputProblem {
  /** The file as given. */
  readonly file: string;
  /** 1-based line, when known. @default - the whole file */
  readonly line?: number;
  /** What is wrong, without the location. */
  readonly reason: string;
}

/** `file:line: reason`, the way every report prints an input problem. */
export function describeInputProblem(p: InputProblem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.reason}`;
}

/** Whether a report passes: the result passes under the threshold and all input was read. */
export function reportPasses(result: CheckResult, meta: ReportMetadata = {}): boolean {
  return (meta.inputProblems?.length ?? 0) === 0 && passes(result, meta.failOn);
}

/** Open findings counted by severity, and the accepted ones (waived, baselined). */
export interface FindingCounts {
  /** Open findings (neither waived nor baselined) of severity error. */
  readonly errors: number;
  /** Open findings (neither waived nor baselined) of severity warning. */
  readonly warnings: number;
  /** Waived findings. */
  readonly waived: number;
  /** Baselined findings (accepted by a baseline file; never also waived). */
  readonly baselined: number;
}

/** Counts the findings of a result. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  let errors = 0;
  let warnings = 0;
  let waived = 0;
  let baselined = 0;
  for (const f of findings) {
    if (f.waiver) waived++;
    else if (f.baselined) baselined++;
    else if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings, waived, baselined };
}

/** Whether a result passes under a fail-on threshold. */
export function passes(result: CheckResult, failOn: FailOn = 'error'): boolean {
  if (failOn === 'never') return true;
  if (failOn === 'error') return result.passed;
  return result.unwaived.length === 0;
}

/** `file:line` or the construct path, when known. */
export function sourceLabel(source: SourceLocation | undefined): string | undefined {
  if (!source) return undefined;
  if (source.constructPath) return source.constructPath;
  if (source.file) return source.line !== undefined ? `${source.file}:${source.line}` : source.file;
  return undefined;
}

/**
 * A stable identity for a finding across runs: rule, object, field path and message; not the
 * file or line, so moving an object in a file keeps its findings' identity.
 */
export function fingerprint(f: Finding): string {
  // Findings are immutable: one hash per finding per run, however many reports print it (measured:
  // SARIF, JSON and HTML hashed 62k findings each).
  let fp = fingerprints.get(f);
  if (fp === undefined) {
    // The same text as joining the six fields with NUL; concatenated, not joined (no array per finding).
    const r = f.resource;
    fp = sha256Hex(f.ruleId + '\u0000' + r.kind + '\u0000' + (r.namespace ?? '') + '\u0000' + r.name + '\u0000' + f.path + '\u0000' + f.message).slice(0, 32);
    fingerprints.set(f, fp);
  }
  return fp;
}

const fingerprints = new WeakMap<Finding, string>();

/** One-shot `crypto.hash` (Node >= 20.12) when there is one: no Hash object per finding. */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}

/** Findings of one object, in the order the engine gave them. */
export interface ObjectFindings {
  /** The object. */
  readonly resource: ResourceRef;
  /** Where it came from. @default - unknown */
  readonly source?: SourceLocation;
  /** Its findings. */
  readonly findings: readonly Finding[];
}

/**
 * Groups findings by object (and source, so two objects of the same name stay apart). The findings of
 * a Dockerfile, Compose or daemon.json object point at lines of their own (see {@link findingsHaveOwnLines}):
 * they are one group whatever their lines; the group's source is the first finding's.
 */
export function groupByObject(findings: readonly Finding[]): ObjectFindings[] {
  const groups = new Map<string, { resource: ResourceRef; source?: SourceLocation; findings: Finding[] }>();
  for (const f of findings) {
    const line = findingsHaveOwnLines(f.resource) ? '' : f.source?.line ?? '';
    const key = [f.resource.kind, f.resource.namespace ?? '', f.resource.name, f.source?.file ?? '', line, f.source?.constructPath ?? ''].join('\u0000');
    const g = groups.get(key);
    if (g) g.findings.push(f);
    else groups.set(key, { resource: f.resource, source: f.source, findings: [f] });
  }
  return [...groups.values()];
}

/**
 * Whether the findings of an object point at lines of their own (a Dockerfile instruction, a Compose key,
 * a daemon.json key) rather than at the line the object starts on, as Kubernetes objects' do.
 */
export function findingsHaveOwnLines(r: ResourceRef): boolean {
  return !isKubernetesKind(r.kind);
}

/**
 * How reports name an object: `Kind namespace/name` for Kubernetes objects (see describeResource); the
 * Docker formats in words a reader of the files knows (`Compose service 'api' in deploy/compose.yaml`),
 * since their namespace and name are a file and a key, not a Kubernetes path.
 */
export function describeObject(r: ResourceRef): string {
  switch (r.kind) {
    case DOCKERFILE:
      return `Dockerfile ${r.name}`;
    case COMPOSE_SERVICE:
      return `Compose service '${r.name}'${r.namespace ? ` in ${r.namespace}` : ''}`;
    case COMPOSE_NETWORK:
      return `Compose network '${r.name}'${r.namespace ? ` in ${r.namespace}` : ''}`;
    case COMPOSE_PROJECT:
      return `Compose project ${r.name}`;
    case DAEMON_CONFIG:
      return `Docker daemon configuration ${r.name}`;
    default:
      return describeResource(r);
  }
}

/** `n thing` or `n things`. */
export function plural(n: number, word: string, pluralWord: string = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** A date as YYYY-MM-DD (UTC). */
export function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}
