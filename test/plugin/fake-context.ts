import type { Cdk8sValidationContext, Cdk8sValidationReportStatus, Cdk8sValidationViolation } from '../../lib/plugin';

/** What a plugin did with a fake context's report. */
export interface Recorded {
  readonly violations: Cdk8sValidationViolation[];
  submitted?: { status: Cdk8sValidationReportStatus; metadata?: { readonly [key: string]: string } };
}

/**
 * A context shaped like the cdk8s CLI's ValidationContext, recording the report; like the CLI's
 * report, it refuses violations after submit and a second submit.
 */
export function fakeContext(manifests: string[], metadata: Cdk8sValidationContext['metadata'] = {}): { ctx: Cdk8sValidationContext; recorded: Recorded } {
  const recorded: Recorded = { violations: [] };
  const ctx: Cdk8sValidationContext = {
    manifests,
    metadata,
    report: {
      addViolation: (v) => {
        if (recorded.submitted) throw new Error('Violations cannot be added to report after its submitted');
        recorded.violations.push(v);
      },
      submit: (status, meta) => {
        if (recorded.submitted) throw new Error('submitted twice');
        recorded.submitted = { status, metadata: meta };
      },
    },
  };
  return { ctx, recorded };
}
