import type { Resource } from '../../../check/resource';
import type { Rule } from '../../../check/rule';

const ROTATION = 'aws:secretsmanager/secretRotation:SecretRotation';

/** The names and ARNs a SecretRotation's secretId may use to name `secret`. */
function namesOf(secret: Resource): string[] {
  const out = [secret.name];
  for (const v of [secret.body.name, secret.body.arn, secret.body.id]) if (typeof v === 'string' && v !== '') out.push(v);
  return out;
}

/** Whether a secret id (a name or an ARN, whose name has a 6-character suffix) names one of `names`. */
function names(secretId: string, candidates: readonly string[]): boolean {
  if (candidates.includes(secretId)) return true;
  const m = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+)$/.exec(secretId);
  if (!m) return false;
  return candidates.some((c) => m[1] === c || m[1].replace(/-[A-Za-z0-9]{6}$/, '') === c);
}

/** Secrets are rotated automatically. */
export const secretRotation: Rule = {
  id: 'aws-secret-rotation',
  title: 'Secrets Manager secrets should rotate automatically',
  description:
    'A credential that never changes stays valid for whoever copied it, long after they should have lost access. ' +
    'A SecretRotation with a rotation Lambda and a schedule changes the value regularly, and the KmsSecretStore ' +
    'refreshes it in the pods. Secrets that cannot rotate (a vendor\'s API key) carry a waiver of this rule with the reason.',
  severity: 'warning',
  controls: ['164.312(d)', '164.312(a)(1)'],
  kinds: ['aws:secretsmanager/secret:Secret'],
  fix: 'Give the secret a rotation (HipaaSecrets: rotation: { lambdaArn, automaticallyAfterDays }), or waive aws-secret-rotation for it with the reason it cannot rotate.',
  check(resource, ctx, report) {
    const candidates = namesOf(resource);
    const rotated = ctx.ofKind(ROTATION).some((r) => typeof r.body.secretId === 'string' && r.body.rotationEnabled !== false && names(r.body.secretId, candidates));
    if (!rotated) report({ path: '', message: `secret '${resource.name}' has no SecretRotation: its value never changes unless someone changes it by hand` });
  },
};
