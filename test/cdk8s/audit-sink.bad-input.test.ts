import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AuditSink, AuditSinkProps } from '../../lib/cdk8s';
import { FORWARDER } from '../helpers/audit';
import { expectRefusal, newChart } from '../helpers/cdk8s';

const build = (props: AuditSinkProps) => () => new AuditSink(newChart('platform'), 'audit', props);
const FIX_PATTERN = "Fix the pattern (Lua patterns, not regular expressions: %d for a digit, %- for a literal '-').";

describe('AuditSink refuses bad input', () => {
  test('a redaction pattern that does not compile', () => {
    expectRefusal(
      build({ forwarder: { ...FORWARDER, redactions: [{ name: 'ssn', pattern: '%d%d%d%-(%d+)' }] } }),
      `[test/audit] forwarder.redactions[0].pattern: Lua pattern "%d%d%d%-(%d+)" has a capture '(' at position 9; captures are not supported (the whole match is replaced) (k8s-log-forwarder-redaction). ${FIX_PATTERN}`,
    );
  });

  test('every bad pattern at once: an unclosed set, one that matches the empty string, a class Lua 5.1 lacks', () => {
    expectRefusal(build({ forwarder: { ...FORWARDER, redactions: [{ name: 'x', pattern: '[0-9' }, { name: 'y', pattern: '%d*' }, { name: 'z', pattern: '%g+' }] } }), [
      '[test/audit] 3 problems in the props (all are listed; fix each):',
      `- forwarder.redactions[0].pattern: Lua pattern "[0-9" has a set '[' at position 1 without its ']' (malformed pattern) (k8s-log-forwarder-redaction). ${FIX_PATTERN}`,
      `- forwarder.redactions[1].pattern: Lua pattern "%d*" can match the empty string, so gsub would insert the replacement between every character (k8s-log-forwarder-redaction). ${FIX_PATTERN}`,
      `- forwarder.redactions[2].pattern: Lua pattern "%g+" has '%g' at position 1, which is not a character class of Lua 5.1 (%a %c %d %l %p %s %u %w %x and their upper-case complements) (k8s-log-forwarder-redaction). ${FIX_PATTERN}`,
    ].join('\n'));
  });

  test('patterns written as regular expressions, which Lua compiles and which would never redact', () => {
    expectRefusal(build({ forwarder: { ...FORWARDER, redactions: [{ name: 'ssn', pattern: '\\d{3}-\\d{2}-\\d{4}' }, { name: 'mrn', pattern: 'MRN-%d+' }] } }), [
      '[test/audit] 2 problems in the props (all are listed; fix each):',
      `- forwarder.redactions[0].pattern: Lua pattern "\\\\d{3}-\\\\d{2}-\\\\d{4}" has '\\d' at position 1, a regular-expression escape: Lua reads it as a literal backslash followed by 'd'. Lua escapes with '%': write %d (a literal backslash is %\\) (k8s-log-forwarder-redaction). ${FIX_PATTERN}`,
      `- forwarder.redactions[1].pattern: Lua pattern "MRN-%d+" has '-' after 'N' at position 4: Lua reads it as 'as few N as possible' (lazy repetition), not a hyphen. Write %- for a literal '-' (k8s-log-forwarder-redaction). ${FIX_PATTERN}`,
    ].join('\n'));
  });

  test('an audit level that would log Secret bodies', () => {
    expectRefusal(
      build({ policy: { extraRules: [{ level: 'RequestResponse', resources: [{ group: '', resources: ['secrets'] }] }] } }),
      "[test/audit] policy.extraRules[0].level: RequestResponse would log the bodies of secrets (their data: credentials, PHI) (k8s-audit-policy-secret-bodies). Use level Metadata, or limit the rule's resources to others than secrets, configmaps, tokenreviews.authentication.k8s.io.",
    );
    expectRefusal(
      build({ policy: { extraRules: [{ level: 'Request', verbs: ['create'] }] } }),
      "[test/audit] policy.extraRules[0].level: Request would log the bodies of secrets, configmaps, tokenreviews.authentication.k8s.io (their data: credentials, PHI) (k8s-audit-policy-secret-bodies). Use level Metadata, or limit the rule's resources to others than secrets, configmaps, tokenreviews.authentication.k8s.io.",
    );
    expectRefusal(
      build({ policy: { requestResponseResources: [{ resources: ['configmaps'] }] } }),
      '[test/audit] policy.requestResponseResources[0]: would log the bodies of configmaps, which hold credentials and PHI (k8s-audit-policy-secret-bodies). Name only other resources here; Secrets, ConfigMaps and TokenReviews are logged at Metadata.',
    );
  });

  test('extra rules kube-apiserver refuses to load (it would not start)', () => {
    expectRefusal(
      build({
        policy: {
          extraRules: [
            { level: 'None', nonResourceURLs: ['/api/*/status', 'healthz'] },
            { level: 'Metadata', nonResourceURLs: ['/x*'], resources: [{ group: '', resources: ['nodes'] }] },
            { level: 'Metadata', resources: [{ group: 'apps', resourceNames: ['x'] }, { group: 'rbac.authorization.k8s.io/v1', resources: ['roles'] }] },
          ],
        },
      }),
      [
        '[test/audit] 5 problems in the props (all are listed; fix each):',
        "- policy.extraRules[0].nonResourceURLs[0]: '/api/*/status' has '*' before its end; '*' may only be the last character ('/api/*' matches every path that starts with '/api/'); kube-apiserver would not start with this Policy (k8s-audit-policy-valid).",
        "- policy.extraRules[0].nonResourceURLs[1]: 'healthz' does not start with '/'; write '/healthz' (or '*' for every path); kube-apiserver would not start with this Policy (k8s-audit-policy-valid).",
        '- policy.extraRules[1].nonResourceURLs: is given with resources; a rule applies to non-resource URLs or to resources, never both: split it into two rules; kube-apiserver would not start with this Policy (k8s-audit-policy-valid).',
        '- policy.extraRules[2].resources[0].resourceNames: is given without resources; resourceNames need at least one resource (e.g. resources: ["configmaps"]); kube-apiserver would not start with this Policy (k8s-audit-policy-valid).',
        "- policy.extraRules[2].resources[1].group: 'rbac.authorization.k8s.io/v1' is not an API group name: name the group without its version ('rbac.authorization.k8s.io'); kube-apiserver would not start with this Policy (k8s-audit-policy-valid).",
      ].join('\n'),
    );
  });

  test('a rule that would drop exec events (first match wins)', () => {
    expectRefusal(
      build({ policy: { extraRules: [{ level: 'None', verbs: ['get'], namespaces: ['clinic'] }] } }),
      '[test/audit] policy.extraRules[0]: level None would drop audit events that must be recorded: get pods/exec, get pods/attach, get pods/portforward (k8s-audit-policy-rbac-exec). ' +
        'Limit the rule with verbs, resources or users so that it leaves RBAC changes and exec, attach and port-forward into pods to the built-in rules.',
    );
  });

  test('an extra rule that stays safe is accepted and comes first', () => {
    const sink = build({ policy: { extraRules: [{ level: 'None', users: ['system:serviceaccount:monitoring:prometheus'], verbs: ['watch'], resources: [{ resources: ['pods'] }] }] } })();
    expect(sink.policyDocument.rules[0]).toEqual({ level: 'None', users: ['system:serviceaccount:monitoring:prometheus'], verbs: ['watch'], resources: [{ resources: ['pods'] }] });
  });

  test('bad ARNs, an image without digest and a missing waiver expiry, all at once', () => {
    expectRefusal(
      build({ forwarder: { ...FORWARDER, image: 'fluent/fluent-bit:3.2.2', roleArn: 'arn:aws:iam::123:user/x', logGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/x', bucketArn: 'arn:aws:s3:::Bad_Bucket', waiversExpire: undefined as any } }),
      [
        '[test/audit] 5 problems in the props (all are listed; fix each):',
        "- forwarder.image: 'fluent/fluent-bit:3.2.2' is not pinned by a sha256 digest (k8s-image-digest). Give the image as <registry>/<repository>@sha256:<64 hex digits> (a tag may stay before @).",
        "- forwarder.roleArn: 'arn:aws:iam::123:user/x' has account '123'; expected 12 digits. Give the ARN of the IAM role for the forwarder's ServiceAccount (IRSA), e.g. arn:aws:iam::123456789012:role/clinic-secrets-reader.",
        '- forwarder.logGroupArn: is in region eu-west-1, but forwarder.region is us-east-1; the cloudwatch_logs output writes to the region given. Use a log group in us-east-1, or set region to eu-west-1.',
        "- forwarder.bucketArn: 'arn:aws:s3:::Bad_Bucket' names bucket 'Bad_Bucket', which may hold only lower-case letters, digits, dots and hyphens.",
        '- forwarder.waiversExpire: is required: the forwarder runs as root with read-only hostPath mounts of /var/log, accepted by waivers that must come back for review. Give the date (YYYY-MM-DD, at most 12 months ahead) until which they are accepted.',
      ].join('\n'),
    );
  });

  test('a forwarder that sends nowhere, without redaction, and an image that is not Fluent Bit', () => {
    expectRefusal(
      build({ forwarder: { ...FORWARDER, image: FORWARDER.image.replace('fluent/fluent-bit', 'acme/log-shipper'), logGroupArn: undefined, bucketArn: undefined, redactions: [] } }),
      [
        '[test/audit] 3 problems in the props (all are listed; fix each):',
        `- forwarder.image: '${FORWARDER.image.replace('fluent/fluent-bit', 'acme/log-shipper')}' is not a Fluent Bit image: its repository name must contain 'fluent-bit' (e.g. <registry>/fluent/fluent-bit@sha256:...), so that hipaa-check recognizes the forwarder (k8s-log-forwarder-tls).`,
        '- forwarder: sends logs nowhere: give logGroupArn (CloudWatch Logs), bucketArn (S3) or both.',
        '- forwarder.redactions: is empty: logs would leave the node with the PHI they hold (k8s-log-forwarder-redaction). Leave it unset for DEFAULT_PHI_REDACTIONS, or list patterns.',
      ].join('\n'),
    );
  });

  test('a namespace the cluster owns', () => {
    expectRefusal(
      build({ namespace: 'kube-system' }),
      "[test/audit] namespace: 'kube-system' is a namespace the cluster owns; AuditSink writes its own Namespace object (Pod Security labels, default deny), which would replace that one's. Use a namespace of its own, e.g. 'audit-logging'.",
    );
  });

  test('a log group ARN of another service, and a bucket ARN with a key path', () => {
    expectRefusal(
      build({ forwarder: { ...FORWARDER, logGroupArn: 'arn:aws:s3:us-east-1:123456789012:log-group:/x', bucketArn: 'arn:aws:s3:::clinic-logs/k8s' } }),
      [
        '[test/audit] 2 problems in the props (all are listed; fix each):',
        "- forwarder.logGroupArn: 'arn:aws:s3:us-east-1:123456789012:log-group:/x' is an ARN of service 's3', not logs.",
        "- forwarder.bucketArn: 'arn:aws:s3:::clinic-logs/k8s' names objects under the key prefix 'k8s', not a bucket; give the bucket's ARN, arn:aws:s3:::clinic-logs, and the prefix as forwarder.s3Prefix ('k8s/').",
      ].join('\n'),
    );
  });
});

describe('AuditSink: ARNs copied from an IAM policy', () => {
  test('a bucket ARN with /*, and a log group ARN naming its log streams, say which ARN to give', () => {
    expectRefusal(
      build({ forwarder: { ...FORWARDER, bucketArn: 'arn:aws:s3:::clinic-logs/*', logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/clinic/k8s:log-stream:*' } }),
      [
        '[test/audit] 2 problems in the props (all are listed; fix each):',
        "- forwarder.logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/clinic/k8s:log-stream:*' names log streams (as an IAM policy's Resource does), not a log group; " +
          "give the log group's ARN, arn:aws:logs:us-east-1:123456789012:log-group:/clinic/k8s.",
        "- forwarder.bucketArn: 'arn:aws:s3:::clinic-logs/*' names the objects of a bucket (as an IAM policy's Resource does), not a bucket; give the bucket's ARN, arn:aws:s3:::clinic-logs " +
          '(objects are written under forwarder.s3Prefix, k8s-logs/ by default).',
      ].join('\n'),
    );
  });

  test("a log group ARN ending in ':*' (as the console shows it) is the log group", () => {
    const sink = build({ forwarder: { ...FORWARDER, logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/clinic/k8s:*' } })();
    expect(Testing.synth(Chart.of(sink)).find((m) => m.metadata.name === 'fluent-bit-config').data['fluent-bit.conf']).toMatch(/log_group_name\s+\/clinic\/k8s\n/);
  });
});

describe('AuditSink refuses buffers that do not fit the container', () => {
  test('memory buffers above the memory limit, an S3 buffer above the ephemeral-storage limit', () => {
    expectRefusal(
      build({ forwarder: { ...FORWARDER, memBufLimit: Size.mebibytes(100), s3BufferLimit: Size.gibibytes(2) } }),
      [
        '[test/audit] 2 problems in the props (all are listed; fix each):',
        '- forwarder.memBufLimit: two inputs buffering 100 MiB each, plus 128 MiB for Fluent Bit and its in-memory /tmp, do not fit in the memory limit of 256 MiB: ' +
          'the forwarder would be OOM-killed before reading pauses, and buffered logs lost. Lower memBufLimit to at most 64 MiB, or raise resources.memory.limit to at least 328 MiB.',
        '- forwarder.s3BufferLimit: the S3 buffer of 2048 MiB plus 64 MiB of offsets does not fit in the ephemeral-storage limit of 1024 MiB: ' +
          'the kubelet would evict the forwarder. Lower s3BufferLimit, or raise resources.ephemeralStorage.limit to at least 3 GiB.',
      ].join('\n'),
    );
  });

  test('buffers that fit larger limits are accepted', () => {
    const resources = {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
      ephemeralStorage: { request: Size.gibibytes(3), limit: Size.gibibytes(3) },
    };
    const sink = build({ forwarder: { ...FORWARDER, memBufLimit: Size.mebibytes(100), s3BufferLimit: Size.gibibytes(2), resources } })();
    const config = Testing.synth(Chart.of(sink)).find((m) => m.metadata.name === 'fluent-bit-config');
    expect(config.data['fluent-bit.conf']).toMatch(/store_dir_limit_size 2048M/);
  });
});

describe('AuditSink refuses omitStages that drop RBAC events', () => {
  test('an extra rule for RBAC writes that omits ResponseComplete (RequestReceived is omitted by the Policy)', () => {
    expectRefusal(
      build({ policy: { extraRules: [{ level: 'Metadata', resources: [{ group: 'rbac.authorization.k8s.io', resources: ['roles'] }], omitStages: ['ResponseComplete'] }] } }),
      '[test/audit] policy.extraRules[0].omitStages: omitStages would drop audit events that must be recorded: create roles, update roles, patch roles, delete roles, deletecollection roles (k8s-audit-policy-rbac-exec). ' +
        'Keep ResponseComplete (and ResponseStarted for exec, attach and port-forward), or limit the rule to other requests.',
    );
  });
});
