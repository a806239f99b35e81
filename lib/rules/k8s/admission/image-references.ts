/**
 * Which images a Kyverno ImageValidatingPolicy verifies, and which registries a native
 * ValidatingAdmissionPolicy admits: for k8s-phi-namespace-image-policy. Not a rule.
 *
 * Kyverno (v1.19, pkg/cel/matching/image.go) verifies an image only when it matches one of the
 * policy's spec.matchImageReferences, compared with the image string exactly as the pod spec
 * writes it; an absent or empty list matches every image. A reference is a `glob` (gobwas/glob
 * without separators, so `*` also matches `/`) or a CEL `expression`. Images it does not match are
 * left out of `images` and admitted unverified, `validationConfigurations.required` included.
 *
 * What the check can show statically: a glob made only of `*` matches every image; a glob that is
 * a literal (none of `*?[]{}\`) followed by `*` matches every image starting with that literal.
 * Any other glob, and every expression, matches an unknown set of images and is judged to match
 * none of them.
 */
import { imageAdmissionValidations, imageAdmissionVariables } from '../../../cdk8s/image-policy-cel';
import type { Resource } from '../../../check/resource';
import { isObject } from '../support/objects';

/** What the matchImageReferences of an ImageValidatingPolicy let the check know. */
export interface ImageReferences {
  /** Whether the policy verifies every image (no references, or a glob made only of `*`). */
  readonly everyImage: boolean;
  /** Literal prefixes of `<prefix>*` globs: every image starting with one is verified. */
  readonly prefixes: readonly string[];
  /** The references as written, for messages (`glob ghcr.io/*`, `expression ...`). */
  readonly written: readonly string[];
}

const GLOB_SPECIAL = /[*?[\]{}\\]/;

/** The image references of an ImageValidatingPolicy spec. */
export function imageReferences(spec: Record<string, any>): ImageReferences {
  const refs: unknown[] = Array.isArray(spec.matchImageReferences) ? spec.matchImageReferences : [];
  if (refs.length === 0) return { everyImage: true, prefixes: [], written: [] };
  const prefixes: string[] = [];
  const written: string[] = [];
  let everyImage = false;
  for (const ref of refs) {
    const glob = isObject(ref) && typeof ref.glob === 'string' && ref.glob !== '' ? ref.glob : undefined;
    if (glob === undefined) {
      written.push(isObject(ref) && typeof ref.expression === 'string' ? `expression ${ref.expression}` : JSON.stringify(ref));
      continue;
    }
    written.push(`glob ${glob}`);
    const literal = glob.replace(/\*+$/, '');
    if (literal === glob || GLOB_SPECIAL.test(literal)) continue;
    if (literal === '') everyImage = true;
    else prefixes.push(literal);
  }
  return { everyImage, prefixes, written };
}

/**
 * The registry prefixes a native ValidatingAdmissionPolicy restricts every container, init
 * container and ephemeral container image to, or undefined when the check cannot show it does.
 * Recognized: the form ImagePolicy writes (lib/cdk8s/image-policy-cel.ts): the `podTemplate` and
 * `containers` variables and the allowed-registry validation exactly, and `allowedPrefixes` a list
 * of CEL string literals. An image is admitted when it starts with one of the prefixes.
 */
export function allowedRegistryPrefixes(policy: Resource): string[] | undefined {
  const spec = isObject(policy.body.spec) ? policy.body.spec : {};
  const variables: unknown[] = Array.isArray(spec.variables) ? spec.variables : [];
  const validations: unknown[] = Array.isArray(spec.validations) ? spec.validations : [];
  const expected = imageAdmissionVariables([]);
  const expressionOf = (name: string) => {
    const v = variables.find((x) => isObject(x) && x.name === name);
    return isObject(v) && typeof v.expression === 'string' ? v.expression : undefined;
  };
  for (const name of ['podTemplate', 'containers']) {
    if (expressionOf(name) !== expected.find((v) => v.name === name)!.expression) return undefined;
  }
  const registryCheck = imageAdmissionValidations()[1].expression;
  if (!validations.some((v) => isObject(v) && v.expression === registryCheck)) return undefined;
  const list = expressionOf('allowedPrefixes');
  return list === undefined ? undefined : celStringList(list);
}

/** The strings of a CEL list of single-quoted string literals (`['a/', 'b/']`), or undefined. */
function celStringList(expression: string): string[] | undefined {
  const m = /^\[(.*)\]$/s.exec(expression.trim());
  if (!m) return undefined;
  const out: string[] = [];
  const literal = /\s*'((?:[^'\\]|\\.)*)'\s*(,|$)/gy;
  const rest = m[1];
  if (rest.trim() === '') return [];
  let match: RegExpExecArray | null;
  let end = 0;
  while (end < rest.length && (match = literal.exec(rest)) !== null) {
    out.push(match[1].replace(/\\(.)/g, '$1'));
    end = literal.lastIndex;
    if (match[2] === '') break;
  }
  return end === rest.length ? out : undefined;
}

/** Whether every image starting with `allowed` is matched by one of `refs`. */
export function referencesMatchPrefix(refs: ImageReferences, allowed: string): boolean {
  return refs.everyImage || refs.prefixes.some((p) => allowed.startsWith(p));
}
