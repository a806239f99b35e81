/**
 * IAM policy documents (key policies, bucket policies, role trust and permission policies), read
 * the way IAM reads them: a JSON string or an object, `Statement` as one statement or a list,
 * `Action`/`Resource`/`Principal` values as one string or a list. Shared by the AWS rules and the
 * Pulumi components that validate policies they are given. Not a rule itself.
 */

/** One statement, normalized: every list field is a list. */
export interface PolicyStatement {
  /** Index of the statement in the document. */
  readonly index: number;
  /** `Sid`, when given. @default - none */
  readonly sid?: string;
  /** `Allow` or `Deny`. */
  readonly effect: 'Allow' | 'Deny';
  /** `Action` values. */
  readonly actions: readonly string[];
  /** `NotAction` values (a statement with NotAction allows everything else). */
  readonly notActions: readonly string[];
  /** `Resource` values. */
  readonly resources: readonly string[];
  /** `NotResource` values. */
  readonly notResources: readonly string[];
  /** `Principal`: `*` for anyone, else the principals by type (`AWS`, `Service`, `Federated`). */
  readonly principal: '*' | Readonly<Record<string, readonly string[]>> | undefined;
  /** `NotPrincipal`, when given. @default - none */
  readonly notPrincipal?: '*' | Readonly<Record<string, readonly string[]>>;
  /** `Condition` operator -> key -> values (values as a list of strings). */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** A parsed document, or what is wrong with it. */
export type PolicyDocumentResult =
  | { readonly statements: readonly PolicyStatement[]; readonly problem?: undefined }
  | { readonly statements?: undefined; readonly problem: string };

const list = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => String(x)));

function principals(v: unknown): PolicyStatement['principal'] {
  if (v === undefined) return undefined;
  if (v === '*') return '*';
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { AWS: list(v) };
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, list(x)]));
}

/** Parses a policy document given as JSON text or as an object. */
export function parsePolicyDocument(value: unknown): PolicyDocumentResult {
  let doc: unknown = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch (e) {
      return { problem: `is not valid JSON: ${(e as Error).message}` };
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { problem: 'is not a policy document (expected an object with Version and Statement)' };
  const raw = (doc as Record<string, unknown>).Statement;
  if (raw === undefined) return { problem: 'has no Statement' };
  const statements: PolicyStatement[] = [];
  const items = Array.isArray(raw) ? raw : [raw];
  for (let index = 0; index < items.length; index++) {
    const s = items[index];
    if (s === null || typeof s !== 'object' || Array.isArray(s)) return { problem: `Statement[${index}] is not an object` };
    const st = s as Record<string, unknown>;
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') return { problem: `Statement[${index}].Effect must be Allow or Deny (got ${JSON.stringify(st.Effect)})` };
    const conditions: Record<string, Record<string, string[]>> = {};
    if (st.Condition !== null && typeof st.Condition === 'object' && !Array.isArray(st.Condition)) {
      for (const [op, keys] of Object.entries(st.Condition as Record<string, unknown>)) {
        if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) continue;
        conditions[op] = Object.fromEntries(Object.entries(keys as Record<string, unknown>).map(([k, x]) => [k, list(x)]));
      }
    }
    statements.push({
      index,
      sid: typeof st.Sid === 'string' ? st.Sid : undefined,
      effect: st.Effect,
      actions: list(st.Action),
      notActions: list(st.NotAction),
      resources: list(st.Resource),
      notResources: list(st.NotResource),
      principal: principals(st.Principal),
      notPrincipal: principals(st.NotPrincipal),
      conditions,
    });
  }
  return { statements };
}

/**
 * Whether an IAM action pattern (`kms:*`, `s3:Get*`, `*`) covers `action` (`kms:Decrypt`).
 * Both are compared case-insensitively, as IAM does.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(action);
}

/** The statement's condition values for a key under any operator (`StringEquals`, `ForAnyValue:StringLike`...), keys compared case-insensitively. */
export function conditionValues(s: PolicyStatement, key: string, operators?: readonly string[]): string[] {
  const out: string[] = [];
  for (const [op, keys] of Object.entries(s.conditions)) {
    if (operators && !operators.includes(op)) continue;
    for (const [k, v] of Object.entries(keys)) if (k.toLowerCase() === key.toLowerCase()) out.push(...v);
  }
  return out;
}
