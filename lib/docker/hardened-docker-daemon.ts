import * as path from 'path';
import { Construct } from 'constructs';
import { hardenedDaemonConfig, hardenedDaemonConfigProblems, HardenedDaemonOptions } from './daemon-config';
import { DockerArtifact } from './docker-artifact';
import { DAEMON_CONFIG } from '../check/docker/kinds';
import { MAX_WAIVER_MONTHS_LIMIT, ScopedWaiver, Waiver, waiverProblems } from '../check/waiver';
import { daemonPack } from '../rules/docker/daemon';

/** A waiver of one daemon rule for this daemon.json (its target is set to the file). */
export interface DaemonWaiver extends Omit<Waiver, 'container'> {}

/** Props of a {@link HardenedDockerDaemon}: the hardened options, where the file goes and its waivers. */
export interface HardenedDockerDaemonProps extends HardenedDaemonOptions {
  /** Path of the file in the app's outdir; its base name must be daemon.json (that is how it is read back). @default 'daemon.json' */
  readonly fileName?: string;
  /**
   * Waivers of daemon rules (docker-daemon-*) for this file, each with a reason and an expiry; daemon.json
   * has no place for them, so they go to the check targeted at this file. @default - none
   */
  readonly waivers?: DaemonWaiver[];
}

const DAEMON_RULE_IDS = new Set(daemonPack.rules.map((r) => r.id));

/**
 * A hardened Docker daemon configuration (daemon.json), rendered from {@link hardenedDaemonConfig} as
 * pretty JSON and checked at synth by the app with the Docker pack: TLS with client certificates for any
 * TCP listener, user-namespace remapping, logs shipped off the host, no-new-privileges, no inter-container
 * traffic, no insecure registries, seccomp, live restore, no userland proxy, default ulimits.
 *
 * The file holds no `hosts` unless `tcp` is given; with `tcp`, the host's docker.service must not pass
 * `-H fd://` (see lib/docker/daemon-config.ts).
 */
export class HardenedDockerDaemon extends DockerArtifact {
  public readonly fileName: string;
  private readonly options: HardenedDaemonOptions;
  private readonly waivers: readonly DaemonWaiver[];
  private readonly overrides = new Map<string, unknown>();

  constructor(scope: Construct, id: string, props: HardenedDockerDaemonProps) {
    super(scope, id);
    const { fileName, waivers, ...options } = props ?? ({} as HardenedDockerDaemonProps);
    const problems = [
      ...hardenedDaemonConfigProblems(options as HardenedDaemonOptions),
      ...fileNameProblems(fileName),
      ...daemonWaiverProblems(waivers),
    ];
    if (problems.length > 0) throw new Error(`[${this.node.path}] invalid props: ${problems.join('; ')}`);
    this.fileName = fileName ?? 'daemon.json';
    this.options = options as HardenedDaemonOptions;
    this.waivers = [...(waivers ?? [])];
  }

  /**
   * Sets (or, with `undefined`, removes) a top-level daemon.json key after the hardened ones: an escape
   * hatch for options this construct has none for. The result is still checked at synth, so an override
   * that weakens the file (`'log-driver', 'json-file'`) refuses the synth unless a waiver accepts it.
   */
  public addOverride(key: string, value: unknown): void {
    if (typeof key !== 'string' || key.trim() === '') throw new Error(`[${this.node.path}] addOverride: key must be a daemon.json option name, got ${JSON.stringify(key)}`);
    this.overrides.set(key, value);
  }

  /** The daemon.json object this construct writes. */
  public toJson(): Record<string, unknown> {
    const config = hardenedDaemonConfig(this.options);
    for (const [key, value] of this.overrides) {
      if (value === undefined) delete config[key];
      else config[key] = value;
    }
    return config;
  }

  public render(): string {
    return `${JSON.stringify(this.toJson(), null, 2)}\n`;
  }

  public checkerWaivers(): ScopedWaiver[] {
    const name = path.posix.normalize(this.fileName);
    return this.waivers.map((w) => ({ ...w, target: { kind: DAEMON_CONFIG, name } }));
  }
}

function fileNameProblems(fileName: unknown): string[] {
  if (fileName === undefined) return [];
  if (typeof fileName !== 'string' || path.posix.basename(fileName) !== 'daemon.json') {
    return [`fileName: ${JSON.stringify(fileName)} must be a path whose file name is daemon.json (e.g. 'host/daemon.json'): hipaa-check reads daemon.json by that name`];
  }
  return [];
}

function daemonWaiverProblems(waivers: unknown): string[] {
  if (waivers === undefined) return [];
  if (!Array.isArray(waivers)) return [`waivers: must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got ${JSON.stringify(waivers)})`];
  const problems: string[] = [];
  waivers.forEach((w, i) => {
    const ruleId = (w as Record<string, unknown> | null)?.ruleId;
    if (typeof ruleId === 'string' && !DAEMON_RULE_IDS.has(ruleId)) {
      problems.push(`waivers[${i}]: ruleId '${ruleId}' is not a daemon.json rule: HardenedDockerDaemon waives only the docker-daemon-* rules (${[...DAEMON_RULE_IDS].join(', ')}); waive other rules on the construct that writes their file`);
      return;
    }
    if (w !== null && typeof w === 'object' && ('target' in w || 'container' in w)) {
      problems.push(`waivers[${i}]: ${'target' in w ? 'target' : 'container'} is not allowed: the waiver applies to this daemon.json`);
      return;
    }
    // The app's maxWaiverMonths is applied when the app checks; here only the shape and the widest limit.
    const found = waiverProblems(w, DAEMON_RULE_IDS, { maxWaiverMonths: MAX_WAIVER_MONTHS_LIMIT });
    if (found.length > 0) problems.push(`waivers[${i}]: ${found.join('; ')}`);
  });
  return problems;
}
