/**
 * Waivers given to a component, written as tags on the resources they apply to (see
 * lib/check/waiver-tags.ts), so the AWS pack, CrossGuard and the AWS console see them on the resource.
 */
import type { InputProblems } from '../cdk8s/input-problems';
import type { Waiver } from '../check/waiver';
import { renderWaiverTags } from '../check/waiver-tags';
import { awsPack } from '../rules/aws';

let awsRuleIds: ReadonlySet<string> | undefined;

/** The tags that carry `waivers`; every problem is recorded under `field`. */
export function waiverTags(waivers: unknown, field: string, problems: InputProblems): Record<string, string> {
  if (waivers === undefined) return {};
  if (!Array.isArray(waivers)) {
    problems.add(field, 'expected a list of waivers, e.g. [{ ruleId, reason, expires }] (waiver-invalid).');
    return {};
  }
  awsRuleIds ??= new Set(awsPack.rules.map((r) => r.id));
  const { tags, problems: found } = renderWaiverTags(waivers as Waiver[], {}, awsRuleIds);
  for (const p of found) problems.add(field, `${p.replace(/^waivers(\[\d+\]): /, (_, i) => `${i} `)} (waiver-invalid).`);
  return tags;
}

/**
 * The rule ids that `waivers` names, for the checks that accept a weaker setting only with a
 * waiver of the matching rule. Entries are taken as given: {@link waiverTags} reports malformed ones.
 */
export function waivedRuleIds(waivers: unknown): ReadonlySet<unknown> {
  return new Set((Array.isArray(waivers) ? waivers : []).map((w) => (w as Partial<Waiver> | null | undefined)?.ruleId));
}
