import type { Resource } from '../../../check/resource';
import type { Report, Rule } from '../../../check/rule';
import { podTemplate } from '../pod';
import { labelKeyProblem, labelValueProblem, suggestLabelValue } from '../support/labels';

/** Labels and annotations the API server accepts. */
export const validLabels: Rule = {
  id: 'k8s-valid-labels',
  title: 'Label keys and values, and annotation keys, must be valid',
  description:
    'The API server refuses an object with a label value over 63 characters or with characters other than letters, digits, ' +
    "'-', '_' and '.', and a label or annotation key that is not `[DNS-1123 subdomain/]name` with a name of at most 63 " +
    'characters. Generated values (an owner e-mail, a long construct id) are the usual cause; the classification and ' +
    'owner labels that audit reviews rely on are then missing from the cluster because the object never lands.',
  severity: 'error',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  kinds: ['*'],
  fix: "Shorten label values to at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit; write keys as [prefix/]name.",
  check(resource, _ctx, report) {
    checkMetadata(resource.body.metadata, 'metadata', report);
    const pod = podTemplate(resource);
    if (pod && pod.metadata !== resource.body.metadata) checkMetadata(pod.metadata, pod.metadataPath, report);
    if (resource.kind === 'CronJob') checkMetadata(resource.body.spec?.jobTemplate?.metadata, 'spec.jobTemplate.metadata', report);
  },
};

function checkMetadata(metadata: Resource['body'] | undefined, path: string, report: Report): void {
  if (metadata === null || typeof metadata !== 'object') return;
  const labels = metadata.labels;
  if (labels !== null && typeof labels === 'object') {
    for (const key in labels) {
      if (!Object.hasOwn(labels, key)) continue;
      const value = labels[key];
      if (typeof value === 'string' && !labelKeyProblem(key) && !labelValueProblem(value)) continue;
      const at = `${path}.labels["${key}"]`;
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) report({ path: at, message: `label ${keyProblem}`, fix: `Rename the label key at ${at} to [prefix/]name with a name of at most 63 characters.` });
      const valueProblem = labelValueProblem(value);
      if (valueProblem) {
        const suggestion = typeof value === 'string' ? suggestLabelValue(value) : '';
        report({ path: at, message: `label ${valueProblem}`, fix: `Set ${at} to a valid label value${suggestion ? `, e.g. '${suggestion}'` : ''}.` });
      }
    }
  }
  const annotations = metadata.annotations;
  if (annotations !== null && typeof annotations === 'object') {
    for (const key in annotations) {
      if (!Object.hasOwn(annotations, key)) continue;
      const keyProblem = labelKeyProblem(key);
      const at = `${path}.annotations["${key}"]`;
      if (keyProblem) report({ path: at, message: `annotation ${keyProblem}`, fix: `Rename the annotation key at ${at} to [prefix/]name with a name of at most 63 characters.` });
    }
  }
}
