import type { Rule, Violation } from '../../../check/rule';
import { PHI_LABEL, PHI_LABEL_VALUES } from '../../../labels';
import { podTemplate, POD_KINDS } from '../pod';

const LABEL_PATH = `labels["${PHI_LABEL}"]`;
const ALLOWED = PHI_LABEL_VALUES.map((v) => `"${v}"`).join(' or ');

/** PHI classification: every workload, and every pod it creates, says whether it handles PHI. */
export const workloadPhiLabel: Rule = {
  id: 'k8s-workload-phi-label',
  title: `Workloads and their pod templates must carry the ${PHI_LABEL} label ("true" or "false")`,
  description:
    `The ${PHI_LABEL} label classifies a workload as handling electronic protected health information or not. Access ` +
    'reviews, network policies, audit queries and the compliance report select on it, so a workload without it is ' +
    'invisible to them, and the rules count it as PHI (fail closed, unless the check runs with unclassifiedIsPhi off). The label must be on the object and on its pod template (and on a CronJob\'s job template), so ' +
    'the pods and Jobs it creates carry it too, and the values must agree.',
  severity: 'error',
  controls: ['164.308(a)(4)', '164.312(b)'],
  kinds: POD_KINDS,
  fix: `Set the label ${PHI_LABEL}: "true" (it stores or processes PHI) or "false" on the object's metadata and on its pod template's metadata.`,
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const own = resource.body.metadata?.labels?.[PHI_LABEL];
    const ownOk = checkValue(own, 'metadata', `${resource.kind} '${resource.name || '<unnamed>'}'`, report);
    if (resource.kind === 'Pod') return;
    if (resource.kind === 'CronJob') {
      const job = resource.body.spec?.jobTemplate?.metadata?.labels?.[PHI_LABEL];
      if (checkValue(job, 'spec.jobTemplate.metadata', 'the job template', report) && ownOk && job !== own) {
        report(mismatch('spec.jobTemplate.metadata', 'the job template', job, own));
      }
    }
    const template = pod.metadata.labels?.[PHI_LABEL];
    if (checkValue(template, pod.metadataPath, 'the pod template', report) && ownOk && template !== own) {
      report(mismatch(pod.metadataPath, 'the pod template', template, own));
    }
  },
};

/** Reports a missing or invalid value; true when the value is valid. */
function checkValue(value: unknown, metadataPath: string, where: string, report: (v: Violation) => void): boolean {
  if (typeof value === 'string' && PHI_LABEL_VALUES.includes(value)) return true;
  const path = `${metadataPath}.${LABEL_PATH}`;
  if (value === undefined || value === null) {
    report({
      path,
      message: `${where} has no ${PHI_LABEL} label`,
      fix: `Set ${path} to "true" if the workload stores or processes PHI, else "false".`,
    });
  } else if (typeof value === 'boolean') {
    report({
      path,
      message: `${where} sets ${PHI_LABEL} to the boolean ${value}; label values are strings`,
      fix: `Quote the value: ${path}: "${value}".`,
    });
  } else {
    report({
      path,
      message: `${where} sets ${PHI_LABEL} to ${JSON.stringify(value)}; it must be ${ALLOWED}`,
      fix: `Set ${path} to "true" if the workload stores or processes PHI, else "false".`,
    });
  }
  return false;
}

function mismatch(metadataPath: string, where: string, value: unknown, own: unknown): Violation {
  const path = `${metadataPath}.${LABEL_PATH}`;
  return {
    path,
    message: `${where} sets ${PHI_LABEL}: "${value}" but the object sets "${own}"`,
    fix: `Make ${path} and metadata.${LABEL_PATH} the same; if the workload handles PHI anywhere, both are "true".`,
  };
}
