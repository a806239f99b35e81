/**
 * Values the component tests share: the key ARN they encrypt with, the cluster whose OIDC
 * provider their IRSA roles trust, and snapshots that do not change from day to day.
 */
import * as pulumi from '@pulumi/pulumi';
import { SOON } from './dates';
import { ACCOUNT, REGION, snapshotOf } from './pulumi';

/** A customer-managed key ARN in the mocked account and region. */
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

/** The OIDC issuer of the mocked cluster (without https://). */
export const OIDC_ISSUER = `oidc.eks.${REGION}.amazonaws.com/id/ABC`;

/** A cluster as HipaaEksCluster provides it to the components that create IRSA roles. */
export const TEST_CLUSTER = {
  oidcProviderArn: pulumi.output(`arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC_ISSUER}`),
  oidcIssuer: pulumi.output(OIDC_ISSUER),
};

/** {@link snapshotOf} with waiver expiries (relative to today) written as <SOON>, so the snapshot does not change from day to day. */
export function stableSnapshot(resources: Parameters<typeof snapshotOf>[0]): ReturnType<typeof snapshotOf> {
  return JSON.parse(JSON.stringify(snapshotOf(resources)).split(`expires=${SOON}`).join('expires=<SOON>'));
}
