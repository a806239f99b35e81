/**
 * Managed node groups of a HipaaEksCluster: each on its own launch template with IMDSv2 required
 * (hop limit 1, so pods cannot take the node role's credentials), a gp3 root volume encrypted
 * with the cluster's customer-managed key, no SSH key pair and no remoteAccess. The options are
 * validated here; HipaaEksCluster creates the resources.
 */
import * as ec2 from '@pulumi/aws/ec2';
import * as eks from '@pulumi/aws/eks';
import type * as pulumi from '@pulumi/pulumi';
import type { InputProblems } from '../cdk8s/input-problems';
import { describe } from '../cdk8s/input-problems';

/** Options of one managed node group. */
export interface EksNodeGroupOptions {
  /**
   * EC2 instance types the group may launch (EKS picks among them), e.g. `['m6i.large']`. At most
   * 20; all of one architecture matching `amiType`.
   * @default ['m6i.large']
   */
  readonly instanceTypes?: string[];
  /** Fewest nodes (0 to 450). @default 2 */
  readonly minSize?: number;
  /** Most nodes (1 to 450, at least minSize). @default 4 */
  readonly maxSize?: number;
  /** Nodes to start with (between minSize and maxSize). @default - minSize */
  readonly desiredSize?: number;
  /** Size of the encrypted gp3 root volume in GiB (20 to 16384). @default 50 */
  readonly diskSizeGiB?: number;
  /** EKS-optimized AMI family: `AL2023_x86_64_STANDARD` or `AL2023_ARM_64_STANDARD`. @default 'AL2023_x86_64_STANDARD' */
  readonly amiType?: 'AL2023_x86_64_STANDARD' | 'AL2023_ARM_64_STANDARD';
  /** `ON_DEMAND` or `SPOT`. @default 'ON_DEMAND' */
  readonly capacityType?: 'ON_DEMAND' | 'SPOT';
  /** Kubernetes labels of the nodes. @default - none */
  readonly labels?: Record<string, string>;
}

/** Validated options with defaults filled in. */
export interface ResolvedNodeGroup {
  /** The group's name in `nodeGroups`. */
  readonly key: string;
  /** EC2 instance types. */
  readonly instanceTypes: string[];
  /** Fewest nodes. */
  readonly minSize: number;
  /** Most nodes. */
  readonly maxSize: number;
  /** Nodes to start with. */
  readonly desiredSize: number;
  /** Root volume size in GiB. */
  readonly diskSizeGiB: number;
  /** EKS AMI type. */
  readonly amiType: string;
  /** ON_DEMAND or SPOT. */
  readonly capacityType: string;
  /** Kubernetes labels of the nodes. @default - none */
  readonly labels?: Record<string, string>;
}

/** Most nodes in one managed node group (EKS service quota). */
export const MAX_NODES_PER_GROUP = 450;
/** Most instance types one managed node group takes. */
export const MAX_INSTANCE_TYPES = 20;
/** The root device of the AL2023 EKS-optimized AMIs. */
export const AL2023_ROOT_DEVICE = '/dev/xvda';

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9-]+$/;
const GROUP_KEY = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const AMI_TYPES = ['AL2023_x86_64_STANDARD', 'AL2023_ARM_64_STANDARD'];
const CAPACITY_TYPES = ['ON_DEMAND', 'SPOT'];

function count(value: unknown, field: string, lo: number, hi: number, problems: InputProblems): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
    problems.add(field, `must be a whole number from ${lo} to ${hi}, got ${describe(value)}.`);
    return false;
  }
  return true;
}

/** Validates the node group options (all problems into `problems`) and fills in defaults. */
export function resolveNodeGroups(value: unknown, field: string, maxKeyLength: number, problems: InputProblems): ResolvedNodeGroup[] {
  if (value === undefined) value = { default: {} };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.add(field, `expected an object of node groups by name, e.g. { general: { instanceTypes: ['m6i.large'] } }, got ${describe(value)}.`);
    return [];
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) problems.add(field, 'is empty; give at least one node group (pods need nodes), e.g. { general: {} }.');
  const out: ResolvedNodeGroup[] = [];
  for (const [key, raw] of entries) {
    const at = `${field}.${key}`;
    if (!GROUP_KEY.test(key) || key.length > maxKeyLength) {
      problems.add(at, `'${key}' is not a node group name: use 1 to ${maxKeyLength} lower-case letters, digits and '-' (it becomes part of the node group and launch template names).`);
    }
    if (!problems.object(raw, at)) continue;
    const o = raw as EksNodeGroupOptions;
    let ok = true;
    const instanceTypes = o.instanceTypes ?? ['m6i.large'];
    if (!Array.isArray(instanceTypes) || instanceTypes.length === 0 || instanceTypes.length > MAX_INSTANCE_TYPES) {
      problems.add(`${at}.instanceTypes`, `expected 1 to ${MAX_INSTANCE_TYPES} EC2 instance types such as 'm6i.large', got ${describe(instanceTypes)}.`);
      ok = false;
    } else {
      instanceTypes.forEach((t, i) => {
        if (typeof t !== 'string' || !INSTANCE_TYPE.test(t)) {
          problems.add(`${at}.instanceTypes[${i}]`, `${describe(t)} is not an EC2 instance type (expected e.g. 'm6i.large').`);
          ok = false;
        }
      });
    }
    ok = count(o.minSize, `${at}.minSize`, 0, MAX_NODES_PER_GROUP, problems) && ok;
    ok = count(o.maxSize, `${at}.maxSize`, 1, MAX_NODES_PER_GROUP, problems) && ok;
    ok = count(o.desiredSize, `${at}.desiredSize`, 0, MAX_NODES_PER_GROUP, problems) && ok;
    ok = count(o.diskSizeGiB, `${at}.diskSizeGiB`, 20, 16384, problems) && ok;
    const minSize = o.minSize ?? Math.min(2, o.maxSize ?? 2);
    const maxSize = o.maxSize ?? Math.max(4, minSize);
    const desiredSize = o.desiredSize ?? minSize;
    if (ok && minSize > maxSize) {
      problems.add(`${at}.minSize`, `is ${minSize}, more than maxSize ${maxSize}.`);
      ok = false;
    }
    if (ok && (desiredSize < minSize || desiredSize > maxSize)) {
      problems.add(`${at}.desiredSize`, `is ${desiredSize}; it must be between minSize ${minSize} and maxSize ${maxSize}.`);
      ok = false;
    }
    const amiType = o.amiType ?? 'AL2023_x86_64_STANDARD';
    if (!AMI_TYPES.includes(amiType)) {
      problems.add(`${at}.amiType`, `${describe(amiType)} is not supported: use ${AMI_TYPES.join(' or ')} (the launch template maps their root device ${AL2023_ROOT_DEVICE}).`);
      ok = false;
    }
    const capacityType = o.capacityType ?? 'ON_DEMAND';
    if (!CAPACITY_TYPES.includes(capacityType)) {
      problems.add(`${at}.capacityType`, `${describe(capacityType)} is not ON_DEMAND or SPOT.`);
      ok = false;
    }
    if (o.labels !== undefined && problems.object(o.labels, `${at}.labels`)) {
      for (const [k, v] of Object.entries(o.labels)) {
        if (typeof v !== 'string') {
          problems.add(`${at}.labels.${k}`, `expected a string, got ${describe(v)}.`);
          ok = false;
        }
      }
    }
    if (!ok) continue;
    out.push({ key, instanceTypes, minSize, maxSize, desiredSize, diskSizeGiB: o.diskSizeGiB ?? 50, amiType, capacityType, labels: o.labels });
  }
  return out;
}

/** What a node group is created from. */
export interface NodeGroupInputs {
  /** Name of the EKS cluster. */
  readonly clusterName: pulumi.Input<string>;
  /** ARN of the nodes' IAM role. */
  readonly nodeRoleArn: pulumi.Input<string>;
  /** Subnets of the nodes. */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Key that encrypts the root volumes. */
  readonly keyArn: pulumi.Input<string>;
  /** Tags of the launch template, node group, instances and volumes. */
  readonly tags: Record<string, string>;
}

/**
 * The launch template (IMDSv2 with hop limit 1, encrypted gp3 root volume, no key pair) and the
 * managed node group on it (no remoteAccess), children of `parent`.
 */
export function createNodeGroup(
  name: string,
  group: ResolvedNodeGroup,
  inputs: NodeGroupInputs,
  opts: pulumi.CustomResourceOptions,
): { launchTemplate: ec2.LaunchTemplate; nodeGroup: eks.NodeGroup } {
  const launchTemplate = new ec2.LaunchTemplate(name, {
    description: `Nodes of EKS node group ${group.key}: IMDSv2 only, hop limit 1, root volume under the cluster key, no SSH key`,
    metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [{
      deviceName: AL2023_ROOT_DEVICE,
      ebs: { encrypted: 'true', kmsKeyId: inputs.keyArn, volumeType: 'gp3', volumeSize: group.diskSizeGiB, deleteOnTermination: 'true' },
    }],
    updateDefaultVersion: true,
    ...(Object.keys(inputs.tags).length > 0 ? { tagSpecifications: ['instance', 'volume'].map((resourceType) => ({ resourceType, tags: inputs.tags })) } : {}),
    tags: inputs.tags,
  }, opts);
  const nodeGroup = new eks.NodeGroup(name, {
    clusterName: inputs.clusterName,
    nodeRoleArn: inputs.nodeRoleArn,
    subnetIds: inputs.subnetIds,
    instanceTypes: group.instanceTypes,
    amiType: group.amiType,
    capacityType: group.capacityType,
    scalingConfig: { minSize: group.minSize, maxSize: group.maxSize, desiredSize: group.desiredSize },
    updateConfig: { maxUnavailable: 1 },
    launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply((v) => String(v)) },
    labels: group.labels,
    tags: inputs.tags,
  }, opts);
  return { launchTemplate, nodeGroup };
}
