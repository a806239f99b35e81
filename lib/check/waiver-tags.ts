/**
 * Waivers carried by cloud resources as tags, one tag per waived rule: the AWS console, Config and
 * CrossGuard see them where the resource is, as the Kubernetes annotation is seen on an object.
 *
 *   hipaa-constructs.io/waiver/<rule id> = expires=2027-03-31 owner=team@example.com ticket=SEC-12 reason=<text>
 *
 * Tag values allow only letters, digits, spaces and `_ . : / = + - @` in most AWS services (and 256
 * characters), so a waiver that cannot be written that way is refused rather than mangled.
 */
import { Waiver, waiverProblems, WaiverPolicy } from './waiver';

/** Prefix of the tag keys that carry waivers; the rule id follows it. */
export const WAIVER_TAG_PREFIX = 'hipaa-constructs.io/waiver/';

/** Longest tag value AWS accepts. */
export const MAX_TAG_VALUE_LENGTH = 256;

const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const FIELD = /^(expires|owner|ticket)=(\S+)\s+/;

/** The tag key of a rule's waiver. */
export function waiverTagKey(ruleId: string): string {
  return `${WAIVER_TAG_PREFIX}${ruleId}`;
}

/** The tag value of a waiver, or the problem that prevents writing it as a tag. */
export function waiverTagValue(w: Waiver): { value?: string; problem?: string } {
  if (w.container !== undefined) return { problem: 'container cannot be given on a cloud resource (it has no pod)' };
  const value = [`expires=${w.expires}`, w.owner ? `owner=${w.owner}` : '', w.ticket ? `ticket=${w.ticket}` : '', `reason=${w.reason.trim()}`].filter(Boolean).join(' ');
  for (const [field, v] of [['owner', w.owner], ['ticket', w.ticket]] as const) {
    if (v !== undefined && /\s/.test(v)) return { problem: `${field} '${v}' contains whitespace, which a waiver tag cannot hold; write it without spaces` };
  }
  if (!TAG_VALUE.test(value)) {
    const bad = [...new Set([...value].filter((c) => !TAG_VALUE.test(c)))].join(' ');
    return { problem: `cannot be written as an AWS tag: tag values allow only letters, digits, spaces and _ . : / = + - @ (remove ${bad} from the reason, owner or ticket)` };
  }
  if (value.length > MAX_TAG_VALUE_LENGTH) {
    return { problem: `is ${value.length} characters as a tag, more than the ${MAX_TAG_VALUE_LENGTH} AWS allows: shorten the reason and put the details in the ticket` };
  }
  return { value };
}

/**
 * The tags that carry `waivers`, or the problems (one sentence each, prefixed with the waiver's
 * index) that prevent it: invalid waivers, two waivers of one rule, values AWS would refuse.
 */
export function renderWaiverTags(
  waivers: readonly Waiver[],
  policy: WaiverPolicy = {},
  knownRuleIds?: ReadonlySet<string>,
): { tags: Record<string, string>; problems: string[] } {
  const tags: Record<string, string> = {};
  const problems: string[] = [];
  waivers.forEach((w, i) => {
    const shape = waiverProblems(w, knownRuleIds, policy);
    if (shape.length > 0) {
      problems.push(...shape.map((p) => `waivers[${i}]: ${p}`));
      return;
    }
    const key = waiverTagKey(w.ruleId);
    if (key in tags) {
      problems.push(`waivers[${i}]: rule '${w.ruleId}' is waived twice; give one waiver per rule and resource`);
      return;
    }
    const { value, problem } = waiverTagValue(w);
    if (problem) problems.push(`waivers[${i}]: waiver of '${w.ruleId}' ${problem}`);
    else tags[key] = value!;
  });
  return { tags, problems };
}

/**
 * The waiver a `expires=YYYY-MM-DD owner=<x> ticket=<y> reason=<text>` text gives rule `ruleId` (the
 * value of a waiver tag, the rest of a Dockerfile waiver comment), not yet validated; undefined when
 * the text does not end with `reason=`. Fields not written are left out.
 */
export function parseWaiverFields(ruleId: string, text: string): Waiver | undefined {
  const fields: Record<string, string> = {};
  let rest = text.trim();
  for (let m = FIELD.exec(rest); m; m = FIELD.exec(rest)) {
    fields[m[1]] = m[2];
    rest = rest.slice(m[0].length);
  }
  if (!rest.startsWith('reason=')) return undefined;
  const waiver: Waiver = { ruleId, reason: rest.slice('reason='.length), expires: fields.expires, owner: fields.owner, ticket: fields.ticket };
  return Object.fromEntries(Object.entries(waiver).filter(([, v]) => v !== undefined)) as unknown as Waiver;
}

/** Reads the waivers a resource's tags carry; tags that do not parse are reported, not thrown. */
export function parseWaiverTags(
  tags: unknown,
  policy: WaiverPolicy = {},
): { waivers: Array<Waiver & { tag: string }>; problems: Array<{ tag: string; message: string }> } {
  const waivers: Array<Waiver & { tag: string }> = [];
  const problems: Array<{ tag: string; message: string }> = [];
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) return { waivers, problems };
  for (const [key, raw] of Object.entries(tags as Record<string, unknown>)) {
    if (!key.startsWith(WAIVER_TAG_PREFIX)) continue;
    const ruleId = key.slice(WAIVER_TAG_PREFIX.length);
    if (typeof raw !== 'string') {
      problems.push({ tag: key, message: `tag ${key} must be a string of the form 'expires=YYYY-MM-DD reason=<why>'` });
      continue;
    }
    const waiver = parseWaiverFields(ruleId, raw);
    if (waiver === undefined) {
      problems.push({ tag: key, message: `tag ${key} must end with reason=<why the risk is accepted> after expires=YYYY-MM-DD (got '${raw}')` });
      continue;
    }
    const shape = waiverProblems(waiver, undefined, policy);
    if (shape.length > 0) problems.push(...shape.map((message) => ({ tag: key, message: `tag ${key}: ${message}` })));
    else waivers.push({ ...waiver, tag: key });
  }
  return { waivers, problems };
}
