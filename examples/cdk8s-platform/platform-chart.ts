import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'hipaa-constructs/cdk8s';
import { AuditSink, HipaaValidation, ImagePolicy } from '../../lib/cdk8s';

/** Images are pinned by digest in the platform team's private ECR registry (a mirror of cr.fluentbit.io/fluent/fluent-bit). */
const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const FLUENT_BIT_IMAGE = `${REGISTRY}/mirror/fluent/fluent-bit:3.2.2@sha256:6e1e3b7c9d8a4f2e5b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a`;

/** Where the forwarder sends the logs, created by the platform's AWS stack (examples/pulumi-eks passes its own). */
export interface PlatformCloud {
  /** The AWS region. */
  readonly region: string;
  /** The IAM role (IRSA) the forwarder assumes. */
  readonly forwarderRoleArn: string;
  /** The CloudWatch Logs group the forwarder writes to. */
  readonly logGroupArn: string;
  /** The Object Lock bucket the forwarder also writes to. */
  readonly bucketArn: string;
}

/** The identifiers of the platform account, as a cdk8s-only user writes them. */
export const DEFAULT_PLATFORM_CLOUD: PlatformCloud = {
  region: 'us-east-1',
  forwarderRoleArn: 'arn:aws:iam::123456789012:role/clinic-log-forwarder',
  logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/clinic/eks/containers',
  bucketArn: 'arn:aws:s3:::clinic-audit-logs-123456789012',
};

/** Props of the platform chart. */
export interface PlatformChartProps extends ChartProps {
  /** Where the forwarder sends the logs. @default DEFAULT_PLATFORM_CLOUD */
  readonly cloud?: PlatformCloud;
}

/**
 * The platform team's part of audit logging, kept apart from the PHI applications (their own
 * repository, their own namespace): the API server audit Policy and the node log forwarder.
 * The log group, bucket and IRSA role come from the platform's AWS stack.
 */
export class PlatformChart extends Chart {
  /** The audit Policy and the forwarder. */
  public readonly audit: AuditSink;
  /** Admission for every PHI namespace of the cluster, this one included. */
  public readonly images: ImagePolicy;

  constructor(scope: Construct, id: string, props: PlatformChartProps = {}) {
    const { cloud = DEFAULT_PLATFORM_CLOUD, ...chartProps } = props;
    super(scope, id, chartProps);
    HipaaValidation.enable(this, { allowedRegistries: [REGISTRY] });

    // Cluster-wide admission (Kubernetes 1.30+): every namespace labelled PHI, the forwarder's
    // included, runs only digest-pinned images from the platform registry. Application teams add
    // their own policies on top (the clinic app requires its signatures too).
    this.images = new ImagePolicy(this, 'image-policy', { allowedRegistries: [REGISTRY] });

    this.audit = new AuditSink(this, 'audit', {
      owner: 'platform-team',
      forwarder: {
        image: FLUENT_BIT_IMAGE,
        roleArn: cloud.forwarderRoleArn,
        region: cloud.region,
        logGroupArn: cloud.logGroupArn,
        bucketArn: cloud.bucketArn,
        // Reviewed with the security officer each year: root read of /var/log, hostPath, API token, egress to AWS.
        waiversExpire: '2027-11-30',
      },
    });
  }
}
