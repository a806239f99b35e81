/**
 * The whole HIPAA stack the Pulumi bench runs under mocks: examples/pulumi-eks, which builds
 * every component of `hipaa-constructs/pulumi` (key, cluster, audit store, secrets, backups) and
 * deploys the example app's charts through HipaaChart, with a fixed account and VPC.
 */
import { clinicStack } from '../examples/pulumi-eks/stack';

/** Registers the whole stack; returns nothing (the mocks record the resources). */
export function buildStack(): void {
  clinicStack({
    account: '123456789012',
    region: 'us-east-1',
    privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
    adminRoleArn: 'arn:aws:iam::123456789012:role/platform-admin',
    auditorRoleArn: 'arn:aws:iam::123456789012:role/compliance-auditor',
  });
}
