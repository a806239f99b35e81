/**
 * The whole HIPAA stack the Pulumi bench runs under mocks: every component of
 * `hipaa-constructs/pulumi`, one line each, wired to one another as a user's stack would be
 * (the charts are the example app's, as examples/cdk8s-app builds them).
 */
import * as pulumi from '@pulumi/pulumi';
import { ClinicChart } from '../examples/cdk8s-app/clinic-chart';
import type { IClusterOidc } from '../lib/pulumi';

type Entry = typeof import('../lib/pulumi');

/** Registers the whole stack; returns nothing (the mocks record the resources). */
export function buildStack(hp: Entry): void {
  const root = new pulumi.ComponentResource('hipaa-constructs:bench:Stack', 'clinic');
  // The cluster's OIDC identity, as HipaaEksCluster provides it (replace with the cluster's once it is listed below).
  const cluster: IClusterOidc = {
    oidcProviderArn: pulumi.output('arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/BENCH'),
    oidcIssuer: pulumi.output('oidc.eks.us-east-1.amazonaws.com/id/BENCH'),
  };
  const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:clinic/db-AbCdEf';
  const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  // One line per component (HipaaKmsKey, HipaaEksCluster, HipaaAuditStore, HipaaSecrets,
  // HipaaBackupVault, HipaaChart with the example app's charts fed by them): each one added here
  // is run, counted and checked by the policy pack.
  hp.createIrsaRole('api', {
    cluster,
    namespace: 'clinic',
    serviceAccount: 'api',
    statements: [
      { actions: ['secretsmanager:GetSecretValue'], resources: [secretArn] },
      { actions: ['kms:Decrypt'], resources: [keyArn], conditions: { StringEquals: { 'kms:ViaService': ['secretsmanager.us-east-1.amazonaws.com'] } } },
    ],
  }, root);
  new hp.HipaaChart('clinic', { build: (app) => new ClinicChart(app, 'clinic') }, { parent: root });
}
