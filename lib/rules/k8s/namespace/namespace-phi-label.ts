import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { classifiedWorkloads } from '../phi-classification';
import { isObject } from './network-policy';

const PATH = `metadata.labels["${PHI_LABEL}"]`;

/** Every namespace is classified as holding PHI or not, and consistently with its workloads. */
export const namespacePhiLabel: Rule = {
  id: 'k8s-namespace-phi-label',
  title: `Namespaces must carry the PHI classification label ${PHI_LABEL} set to "true" or "false"`,
  description:
    'The HIPAA Security Rule applies to systems that create, receive, maintain or transmit ePHI, so every ' +
    'namespace must say whether it holds PHI. Reports, access reviews and the rules that apply only to PHI ' +
    'namespaces (e.g. no inline Secret data) read this label; the rules count an unclassified namespace as PHI (fail ' +
    'closed, unless the check runs with unclassifiedIsPhi off), so classifying it is how a namespace without PHI ' +
    'says so. A namespace classified "false" that runs a workload labeled as handling PHI is misclassified.',
  severity: 'error',
  controls: ['164.308(a)(4)', '164.312(b)'],
  kinds: ['Namespace'],
  fix: `Label the namespace ${PHI_LABEL}: "true" if any workload in it stores or processes PHI, else "false" (quoted: label values are strings). HipaaNamespace sets it from its phi prop.`,
  check(resource, ctx, report) {
    const labels = resource.body.metadata?.labels;
    const value: unknown = isObject(labels) ? labels[PHI_LABEL] : undefined;
    if (value === 'true') return;
    if (value === 'false') {
      // In a namespace labelled "false", a workload counts as PHI by label only when its own label says "true".
      const phiWorkload = classifiedWorkloads(ctx).get(resource.name)?.find((w) => w.phi === 'labelled')?.resource;
      if (phiWorkload) {
        report({
          path: PATH,
          message: `namespace is classified '${PHI_LABEL}: false' but ${phiWorkload.kind} '${phiWorkload.name}' in it is labeled '${PHI_LABEL}: true'`,
          fix: `Set ${PHI_LABEL}: "true" on the namespace, or move the PHI workload to a namespace classified as holding PHI.`,
        });
      }
      return;
    }
    report({
      path: PATH,
      message: value === undefined
        ? `label ${PHI_LABEL} is not set, so the namespace is not classified as holding PHI or not`
        : typeof value === 'boolean'
          ? `label ${PHI_LABEL} is the YAML boolean ${value}, but label values must be strings: quote it as "${value}"`
          : `label ${PHI_LABEL} is ${typeof value === 'string' ? `'${value}'` : JSON.stringify(value)}; it must be "true" or "false"`,
    });
  },
};
