/**
 * The HIPAA Security Rule (45 CFR Part 164, Subpart C) citations that rules serve.
 *
 * This is the only place a citation is written down: rules, reports and waivers refer to a
 * control by its id (the citation). Each entry lists the NIST SP 800-53 Rev. 5 controls that
 * NIST SP 800-66 Rev. 2 ("Implementing the HIPAA Security Rule") relates to the standard or
 * implementation specification, and what, in this library's terms, satisfies it.
 */
export interface Control {
  /** The citation, e.g. `164.312(a)(2)(iv)`; also the id rules use. */
  readonly id: string;
  /** Title of the standard or implementation specification in the regulation. */
  readonly title: string;
  /**
   * The safeguard family: administrative (164.308), physical (164.310), technical (164.312),
   * organizational requirements (164.314), documentation (164.316).
   */
  readonly safeguard: 'administrative' | 'physical' | 'technical' | 'organizational' | 'documentation';
  /** Whether the regulation marks it as a standard, or a required or addressable implementation specification. */
  readonly type: 'standard' | 'required' | 'addressable';
  /** NIST SP 800-53 Rev. 5 controls related to it by NIST SP 800-66 Rev. 2. */
  readonly nist80053: readonly string[];
  /** What satisfies it in a system built and checked with this library. */
  readonly satisfiedBy: string;
}

const catalogue = {
  '164.308(a)(1)(ii)(B)': {
    title: 'Risk management',
    safeguard: 'administrative',
    type: 'required',
    nist80053: ['PM-9', 'RA-7', 'PL-2'],
    satisfiedBy: 'Every accepted deviation from a rule is a named waiver with a written reason, an owner and an expiry date, and appears in every report.',
  },
  '164.308(a)(1)(ii)(D)': {
    title: 'Information system activity review',
    safeguard: 'administrative',
    type: 'required',
    nist80053: ['AU-2', 'AU-6', 'AU-7', 'AU-12', 'CA-7', 'SI-4'],
    satisfiedBy: 'Workloads are identifiable (labels, own ServiceAccount) so activity in audit logs can be attributed and reviewed.',
  },
  '164.308(a)(3)': {
    title: 'Workforce security',
    safeguard: 'administrative',
    type: 'standard',
    nist80053: ['AC-2', 'AC-5', 'AC-6', 'PS-2', 'PS-3', 'PS-4', 'PS-5'],
    satisfiedBy: 'Access to namespaces holding PHI is granted only through role bindings to named groups; no anonymous or cluster-admin bindings.',
  },
  '164.308(a)(4)': {
    title: 'Information access management',
    safeguard: 'administrative',
    type: 'standard',
    nist80053: ['AC-1', 'AC-2', 'AC-3', 'AC-6'],
    satisfiedBy: 'Roles are least-privilege (no wildcards); reading Secrets is limited to roles meant for it; workloads are classified by PHI label.',
  },
  '164.308(a)(5)(ii)(C)': {
    title: 'Log-in monitoring',
    safeguard: 'administrative',
    type: 'addressable',
    nist80053: ['AC-7', 'AU-2', 'AU-6', 'AU-12'],
    satisfiedBy: 'Workloads authenticate to the API server only with their own ServiceAccount, and only when they need to, so every log-in is attributable.',
  },
  '164.308(a)(7)(ii)(A)': {
    title: 'Data backup plan',
    safeguard: 'administrative',
    type: 'required',
    nist80053: ['CP-6', 'CP-9'],
    satisfiedBy: 'Workloads keep state only in declared volumes; ephemeral writable storage is bounded and never the system of record.',
  },
  '164.308(a)(7)(ii)(B)': {
    title: 'Disaster recovery plan',
    safeguard: 'administrative',
    type: 'required',
    nist80053: ['CP-2', 'CP-7', 'CP-10'],
    satisfiedBy: 'Replicated workloads have PodDisruptionBudgets, topology spread, health probes and resource guarantees so they survive node loss and recover.',
  },
  '164.308(a)(8)': {
    title: 'Evaluation',
    safeguard: 'administrative',
    type: 'standard',
    nist80053: ['CA-2', 'CA-7', 'PL-2', 'RA-3'],
    satisfiedBy: 'Every waiver expires at most 12 months ahead (configurable), so each accepted risk is evaluated again; an expired waiver no longer waives and is itself a finding.',
  },
  '164.308(b)(1)': {
    title: 'Business associate contracts and other arrangements',
    safeguard: 'administrative',
    type: 'standard',
    // NIST SP 800-66r2 (CPRT SP800_66_2_0_0) relates the standard's key activities to CA-3, PS-7, SA-4, SA-9.
    nist80053: ['CA-3', 'PS-7', 'SA-4', 'SA-9'],
    satisfiedBy:
      'Every vendor that can receive PHI is in the BAA register (hipaa-baa.yaml) with its BAA, and every external destination of a PHI flow ' +
      '(egress CIDRs and hosts, image registries, log sinks, backup targets, secret stores) resolves to the organisation\'s own network or to ' +
      'a vendor with a signed, unexpired BAA and, for a cloud provider, a HIPAA-eligible service.',
  },
  '164.310(d)(2)(iv)': {
    title: 'Data backup and storage',
    safeguard: 'physical',
    type: 'addressable',
    nist80053: ['CP-9', 'MP-4'],
    satisfiedBy: 'No PHI is written to node-local host paths; storage is declared in the manifest.',
  },
  '164.312(a)(1)': {
    title: 'Access control',
    safeguard: 'technical',
    type: 'standard',
    nist80053: ['AC-3', 'AC-6', 'AC-2', 'IA-2'],
    satisfiedBy: 'Pods meet the Pod Security Standards restricted profile; network access is deny-by-default with declared flows; RBAC is least-privilege.',
  },
  '164.312(a)(2)(i)': {
    title: 'Unique user identification',
    safeguard: 'technical',
    type: 'required',
    nist80053: ['IA-2', 'IA-4', 'AC-2'],
    satisfiedBy: 'Every workload runs under its own ServiceAccount, never the shared default one; no bindings to anonymous users.',
  },
  '164.312(a)(2)(iv)': {
    title: 'Encryption and decryption',
    safeguard: 'technical',
    type: 'addressable',
    nist80053: ['SC-12', 'SC-13', 'SC-28'],
    satisfiedBy: 'Secrets are mounted as read-only files (not environment variables) and not stored inline in manifests.',
  },
  '164.312(b)': {
    title: 'Audit controls',
    safeguard: 'technical',
    type: 'standard',
    nist80053: ['AU-2', 'AU-3', 'AU-6', 'AU-9', 'AU-11', 'AU-12'],
    satisfiedBy: 'Objects carry owner and PHI classification labels; waivers and findings are recorded in machine-readable reports.',
  },
  '164.312(c)(1)': {
    title: 'Integrity',
    safeguard: 'technical',
    type: 'standard',
    nist80053: ['SI-7', 'SC-28', 'CM-5', 'CM-7'],
    satisfiedBy: 'Images are pinned by digest from allowed registries; root filesystems are read-only; containers cannot gain privileges.',
  },
  '164.312(c)(2)': {
    title: 'Mechanism to authenticate electronic protected health information',
    safeguard: 'technical',
    type: 'addressable',
    nist80053: ['SI-7', 'SC-8'],
    satisfiedBy: 'Software that handles PHI is identified by content digest, so what runs is exactly what was built and reviewed.',
  },
  '164.312(d)': {
    title: 'Person or entity authentication',
    safeguard: 'technical',
    type: 'standard',
    nist80053: ['IA-2', 'IA-3', 'IA-5', 'IA-8', 'IA-9'],
    satisfiedBy: 'Service account tokens are mounted only where a workload must call the API server; unauthenticated subjects get no bindings.',
  },
  '164.312(e)(1)': {
    title: 'Transmission security',
    safeguard: 'technical',
    type: 'standard',
    nist80053: ['SC-7', 'SC-8'],
    satisfiedBy: 'Network traffic is denied by default and allowed only along declared flows; PHI services are not exposed on node ports or public load balancers.',
  },
  '164.312(e)(2)(i)': {
    title: 'Integrity controls',
    safeguard: 'technical',
    type: 'addressable',
    nist80053: ['SC-8', 'SI-7'],
    satisfiedBy: 'Traffic entering the cluster over Ingress is protected by TLS.',
  },
  '164.312(e)(2)(ii)': {
    title: 'Encryption',
    safeguard: 'technical',
    type: 'addressable',
    nist80053: ['SC-8', 'SC-12', 'SC-13'],
    satisfiedBy: 'Ingresses terminate TLS; PHI services are reachable only inside the cluster network along declared flows.',
  },
  '164.314(a)(1)': {
    title: 'Business associate contracts or other arrangements',
    safeguard: 'organizational',
    type: 'standard',
    // NIST SP 800-66r2 (CPRT SP800_66_2_0_0) relates the standard and its implementation specifications to CA-3, IR-6, PS-6, PS-7, SA-4, SA-9.
    nist80053: ['CA-3', 'IR-6', 'PS-6', 'PS-7', 'SA-4', 'SA-9'],
    satisfiedBy:
      'The BAA register records for each vendor the contract (reference, scope, signed, expiry and review dates); PHI flowing to a vendor ' +
      'whose BAA expired or was terminated, or whose entry is past its review date, is a finding naming the object and the vendor.',
  },
  '164.316(b)(2)(i)': {
    title: 'Time limit (documentation retention)',
    safeguard: 'documentation',
    type: 'required',
    nist80053: ['AU-11', 'SI-12'],
    satisfiedBy: 'Waivers carry dates and owners, and reports are generated from the manifests on every build so evidence can be retained for six years.',
  },
} as const satisfies Record<string, Omit<Control, 'id'>>;

/** A citation in the catalogue, e.g. `164.312(a)(1)`. */
export type ControlId = keyof typeof catalogue;

/** Every control, keyed by citation. */
export const CONTROLS: Readonly<Record<ControlId, Control>> = Object.fromEntries(
  Object.entries(catalogue).map(([id, c]) => [id, { id, ...c }]),
) as unknown as Record<ControlId, Control>;

/** Looks a control up by citation; throws on an unknown one so a typo cannot go unnoticed. */
export function control(id: string): Control {
  const c = (CONTROLS as Record<string, Control>)[id];
  if (!c) {
    throw new Error(`Unknown HIPAA control '${id}'. Known: ${Object.keys(CONTROLS).join(', ')}`);
  }
  return c;
}
