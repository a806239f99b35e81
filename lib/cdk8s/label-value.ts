import { suggestLabelValue } from '../rules/k8s/support/labels';

/**
 * A Kubernetes label value made from free text (an owner's e-mail, a construct id): at most 63
 * characters of [A-Za-z0-9._-], starting and ending with a letter or digit.
 */
export function toLabelValue(value: string): string {
  return suggestLabelValue(value);
}
