// Local structural copies of the cdk8s CLI's validation plugin contract (cdk8s-cli 2.207.60,
// lib/plugins/validation.d.ts). Copied rather than imported: the package's root entry must neither
// load cdk8s-cli at run time nor name it in its declarations (a user of `hipaa-check` or of the
// plugin has no reason to install the CLI's types; `cdk8s-cli/plugins` resolves only through its
// exports map, which classic `node` resolution ignores). The CLI checks these shapes at run time only.

/** Whether a plugin's report passed (`ValidationReportStatus` in the CLI). */
export type Cdk8sValidationReportStatus = 'success' | 'failure';

/** A resource that violates a rule, as the CLI's report lists it (`ValidationViolatingResource`). */
export interface Cdk8sViolatingResource {
  /**
   * The resource name; the CLI looks the construct path up by it in the app's construct metadata
   * (which is keyed by `metadata.name` only).
   */
  readonly resourceName: string;
  /** The places in the resource that violate the rule, one line each in the CLI's table. */
  readonly locations: readonly string[];
  /** The manifest the resource is in. */
  readonly manifestPath: string;
}

/** One rule's violations, as a plugin adds them (`ValidationViolation`). */
export interface Cdk8sValidationViolation {
  /** The rule's name (the CLI's table heading). */
  readonly ruleName: string;
  /** What to do about it. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The resources that violate the rule. */
  readonly violatingResources: readonly Cdk8sViolatingResource[];
}

/** The report a plugin fills (`ValidationReport`). */
export interface Cdk8sValidationReport {
  /** Adds one rule's violations; throws once the report is submitted. */
  addViolation(violation: Cdk8sValidationViolation): void;
  /** Closes the report with its status and summary lines (shown in the CLI's summary table). */
  submit(status: Cdk8sValidationReportStatus, metadata?: { readonly [key: string]: string }): void;
}

/** What the CLI knows of the construct that wrote a resource (`ResourceConstructMetadata`). */
export interface Cdk8sResourceConstructMetadata {
  /** The construct path in the app. */
  readonly path: string;
}

/** Logs through the CLI (`ValidationLogger`). */
export interface Cdk8sValidationLogger {
  /** Logs one message. */
  log(message: string): void;
}

/** What the CLI hands a plugin's `validate` (`ValidationContext`). */
export interface Cdk8sValidationContext {
  /** The synthesized manifests, as paths (relative to the directory `cdk8s synth` runs in, or absolute). */
  readonly manifests: readonly string[];
  /** Construct metadata by resource `metadata.name` (empty when the app recorded none). */
  readonly metadata: { readonly [resourceName: string]: Cdk8sResourceConstructMetadata };
  /** The report to fill and submit. */
  readonly report: Cdk8sValidationReport;
  /** The CLI's logger. @default - console.log */
  readonly logger?: Cdk8sValidationLogger;
  /** The plugin's package as cdk8s.yaml names it. @default - not given */
  readonly pkg?: string;
  /** The plugin's version as cdk8s.yaml names it. @default - not given */
  readonly version?: string;
  /** Whether the synth writes to standard output (the manifests are then in a temporary directory). @default false */
  readonly stdout?: boolean;
}

/** A cdk8s validation plugin (`Validation`). */
export interface Cdk8sValidation {
  /** Validates the manifests of `context` and submits its report. */
  validate(context: Cdk8sValidationContext): Promise<void>;
}
