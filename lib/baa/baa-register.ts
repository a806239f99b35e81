/**
 * The Business Associate Agreement register (`hipaa-baa.yaml`): every vendor that can receive PHI,
 * what of theirs the infrastructure sends to (CIDRs, hosts, registries, buckets, log destinations,
 * secret stores), and the state of its BAA. The BAA rules (45 CFR 164.308(b)(1), 164.314(a)(1))
 * check every external destination of the data-flow graph against it.
 *
 * ```yaml
 * apiVersion: hipaa-constructs.io/v1
 * kind: BaaRegister
 * vendors:
 *   - id: aws
 *     name: Amazon Web Services
 *     provider: aws                   # services are checked against the shipped HIPAA-eligible list
 *     baa: {status: signed, signed: 2025-03-01, reviewBy: 2027-03-01, ref: "AWS Artifact, org o-abc"}
 *     services: [s3, kms, ecr, eks, logs, secretsmanager, backup]
 *     match: {hosts: ["*.amazonaws.com"], registries: ["*.dkr.ecr.*.amazonaws.com"], accounts: ["123456789012"]}
 *   - id: dockerhub
 *     baa: {status: none}
 *     match: {registries: [docker.io]}
 * internal: {cidrs: [10.0.0.0/8]}
 * ```
 */

/** The state of a vendor's BAA. */
export type BaaStatus = 'signed' | 'pending' | 'none' | 'terminated';

/** A vendor's Business Associate Agreement. */
export interface Baa {
  /** Whether one is signed. */
  readonly status: BaaStatus;
  /** When it was signed (YYYY-MM-DD). @default - not recorded (required when signed) */
  readonly signed?: string;
  /** When it ends (YYYY-MM-DD); past it the BAA is expired. @default - no end date */
  readonly expires?: string;
  /** When it must next be reviewed (YYYY-MM-DD); past it the entry is stale. @default - no review date */
  readonly reviewBy?: string;
  /** Where the signed agreement is (a contract number, "AWS Artifact, org o-abc"). @default - none */
  readonly ref?: string;
  /** What the BAA covers, in words. @default - none */
  readonly scope?: string;
}

/** What of a vendor's the infrastructure may send to. Patterns: `*` stands for one DNS label, as in allowedRegistries. */
export interface VendorMatchers {
  /** IP blocks (CIDR notation). @default - none */
  readonly cidrs?: readonly string[];
  /** Host names, `*.example.com` for any one label. @default - none */
  readonly hosts?: readonly string[];
  /** Image registries (host or host/path prefix). @default - none */
  readonly registries?: readonly string[];
  /** Bucket names (S3, GCS, Azure containers), `*` within a name allowed. @default - none */
  readonly buckets?: readonly string[];
  /** Log destinations (`cloudwatch:*`, `https://http-intake.logs.datadoghq.com`). @default - none */
  readonly logDestinations?: readonly string[];
  /** Secret stores (`aws-secretsmanager`, `vault:https://vault.example.com`). @default - none */
  readonly secretStores?: readonly string[];
  /** Cloud accounts (AWS account ids) whose resources (ECR hosts, ARNs) belong to the vendor. @default - none */
  readonly accounts?: readonly string[];
}

/** A vendor of the register. */
export interface Vendor {
  /** Stable id (`aws`, `datadog`), lower-case letters, digits and '-'. */
  readonly id: string;
  /** Name for reports. @default - the id */
  readonly name?: string;
  /**
   * The cloud provider (`aws`, `gcp`): destinations the data-flow graph attributes to that provider match the
   * vendor, and their service must be one of `services` and, for a provider with a shipped HIPAA-eligible
   * services list (`aws`), on that list. @default - not a cloud provider
   */
  readonly provider?: string;
  /** The BAA. */
  readonly baa: Baa;
  /** The vendor's services in use (for a provider: names of its eligible-services list). @default - none */
  readonly services?: readonly string[];
  /** What of theirs the infrastructure sends to. */
  readonly match: VendorMatchers;
  /** 1-based line of the vendor's entry in the register file. @default - unknown */
  readonly line?: number;
}

/** The register, read and validated. */
export interface BaaRegister {
  /** The file it was read from, as given. @default - not read from a file */
  readonly file?: string;
  /** SHA-256 of the file's bytes, for reports. @default - not read from a file */
  readonly sha256?: string;
  /** The vendors, in file order. */
  readonly vendors: readonly Vendor[];
  /** The organisation's own network and hosts: destinations here need no BAA. */
  readonly internal: { readonly cidrs: readonly string[]; readonly hosts: readonly string[] };
}
