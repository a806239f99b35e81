import type { Rule } from '../../../check/rule';
import { actionMatches, conditionValues, parsePolicyDocument, PolicyStatement } from '../support/policy-document';
import { BUCKET_KINDS, partsOf, S3_PARTS } from '../support/s3-bucket';

/** Whether a statement denies every S3 action to everyone on the bucket and its objects over plain HTTP. */
function deniesPlainHttp(s: PolicyStatement, name: string | undefined): boolean {
  if (s.effect !== 'Deny') return false;
  const everyone = s.principal === '*' || (s.principal !== undefined && (s.principal.AWS ?? []).includes('*'));
  if (!everyone) return false;
  if (!s.actions.some((a) => a === '*' || a.toLowerCase() === 's3:*')) return false;
  if (!conditionValues(s, 'aws:SecureTransport', ['Bool']).some((v) => v.toLowerCase() === 'false')) return false;
  const resources = s.resources;
  if (resources.includes('*')) return true;
  const arn = (r: string) => r.replace(/^arn:[^:]+:s3:::/, '');
  const bucketLevel = resources.some((r) => !arn(r).includes('/') && (name === undefined || actionMatches(arn(r), name)));
  const objectLevel = resources.some((r) => arn(r).endsWith('/*') && (name === undefined || actionMatches(arn(r).slice(0, -2), name)));
  return bucketLevel && objectLevel;
}

/** Buckets refuse requests that are not sent over TLS. */
export const s3TlsOnly: Rule = {
  id: 'aws-s3-tls-only',
  title: 'S3 bucket policies must deny requests not sent over TLS (aws:SecureTransport false)',
  description:
    'S3 answers plain HTTP requests unless the bucket policy refuses them; PHI and evidence must not travel unencrypted ' +
    '(164.312(e)(1)). The policy needs a Deny of s3:* to every principal on the bucket and its objects when ' +
    'aws:SecureTransport is false. Every bucket is judged.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  kinds: BUCKET_KINDS,
  fix: 'Use HipaaWormBucket, or add to the BucketPolicy a statement { Effect: "Deny", Principal: "*", Action: "s3:*", ' +
    'Resource: [<bucket ARN>, "<bucket ARN>/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
  check(resource, ctx, report) {
    const name = typeof resource.body.bucket === 'string' ? resource.body.bucket : undefined;
    const documents = [...partsOf(ctx, S3_PARTS.policy, resource).map((p) => p.body.policy), resource.body.policy].filter((p) => p !== undefined);
    for (const doc of documents) {
      const parsed = parsePolicyDocument(doc);
      if (parsed.statements?.some((s) => deniesPlainHttp(s, name))) return;
    }
    report({
      path: 'policy',
      message: documents.length === 0
        ? `bucket '${resource.name}' has no bucket policy, so it answers requests over plain HTTP`
        : `bucket '${resource.name}' has a bucket policy without a Deny of s3:* to every principal on the bucket and its objects when aws:SecureTransport is false`,
    });
  },
};
