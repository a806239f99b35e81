import { HipaaEksCluster, HipaaEksClusterArgs, kubeconfigFor } from '../../lib/pulumi/hipaa-eks-cluster';
import { HipaaKmsKey } from '../../lib/pulumi/hipaa-kms-key';
import { SOON } from '../helpers/dates';
import { ACCOUNT, awsFindings, checkRegistered, one, ofType, REGION, runProgram, snapshotOf, valueOf } from '../helpers/pulumi';
import { KEY_ARN as KEY } from '../helpers/pulumi-fixtures';

const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'];
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/platform-admin`;
const AUDITOR = `arn:aws:iam::${ACCOUNT}:role/compliance-auditor`;
const base: HipaaEksClusterArgs = { subnetIds: SUBNETS, key: KEY, adminRoleArns: [ADMIN], auditorRoleArns: [AUDITOR] };

describe('HipaaEksCluster', () => {
  let resources: Awaited<ReturnType<typeof runProgram>>;
  let component: HipaaEksCluster;
  beforeAll(async () => {
    resources = await runProgram(() => {
      component = new HipaaEksCluster('prod', { ...base, tags: { team: 'platform' } });
    });
  });

  test('registers the cluster and its parts (snapshot)', () => {
    // Sorted: registrations that wait on other resources' outputs complete in no fixed order.
    expect(snapshotOf(resources).sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`))).toMatchSnapshot();
  });

  test('the whole AWS pack finds nothing', () => {
    expect(awsFindings(resources)).toEqual([]);
  });

  test('Secrets are envelope-encrypted with the key; endpoint private; all five log types; access entries only', () => {
    const cluster = one(resources, 'aws:eks/cluster:Cluster');
    expect(cluster.inputs.name).toBe('prod');
    expect(cluster.inputs.version).toBe('1.35');
    expect(cluster.inputs.encryptionConfig).toEqual({ resources: ['secrets'], provider: { keyArn: KEY } });
    expect(cluster.inputs.vpcConfig).toEqual({ subnetIds: SUBNETS, endpointPrivateAccess: true, endpointPublicAccess: false });
    expect(cluster.inputs.enabledClusterLogTypes).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    expect(cluster.inputs.accessConfig).toEqual({ authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false });
    expect(cluster.inputs.bootstrapSelfManagedAddons).toBe(false);
    expect([cluster.protect, cluster.retainOnDelete]).toEqual([true, true]);
  });

  test('the log group is registered before the cluster, under the key, kept six years, protected', () => {
    const log = one(resources, 'aws:cloudwatch/logGroup:LogGroup');
    expect(log.inputs).toMatchObject({ name: '/aws/eks/prod/cluster', retentionInDays: 2192, kmsKeyId: KEY });
    expect([log.protect, log.retainOnDelete]).toEqual([true, true]);
    const order = resources.map((r) => r.type);
    expect(order.indexOf('aws:cloudwatch/logGroup:LogGroup')).toBeLessThan(order.indexOf('aws:eks/cluster:Cluster'));
  });

  test('the cluster role may use the key for envelope encryption only', () => {
    const policy = ofType(resources, 'aws:iam/rolePolicy:RolePolicy').find((r) => r.name === 'prod-cluster-key')!;
    expect(JSON.parse(policy.inputs.policy).Statement).toEqual([{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], Resource: [KEY] }]);
    const attachments = ofType(resources, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment').map((r) => `${r.name} ${r.inputs.policyArn}`);
    // The node role has no CNI policy: the VPC CNI gets it through its own IRSA role.
    expect(attachments.sort()).toEqual([
      'prod-cluster arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
      'prod-ebs-csi arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
      'prod-node-ecr arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly',
      'prod-node-worker arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'prod-vpc-cni arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
    ]);
  });

  test('OIDC provider for IRSA without a thumbprint; oidcIssuer without https://', async () => {
    const oidc = one(resources, 'aws:iam/openIdConnectProvider:OpenIdConnectProvider');
    expect(oidc.inputs.clientIdLists).toEqual(['sts.amazonaws.com']);
    expect(oidc.inputs.url).toMatch(/^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{12}$/);
    expect(oidc.inputs.thumbprintLists).toBeUndefined();
    expect(await valueOf(component.oidcIssuer)).toBe(oidc.inputs.url.replace('https://', ''));
    expect(await valueOf(component.oidcProviderArn)).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/${oidc.inputs.url.replace('https://', '')}`);
  });

  test('nodes: launch template with IMDSv2 hop limit 1, key-encrypted gp3 root, no SSH; node group without remoteAccess', () => {
    const lt = one(resources, 'aws:ec2/launchTemplate:LaunchTemplate');
    expect(lt.inputs.metadataOptions).toEqual({ httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 });
    expect(lt.inputs.blockDeviceMappings).toEqual([{ deviceName: '/dev/xvda', ebs: { encrypted: 'true', kmsKeyId: KEY, volumeType: 'gp3', volumeSize: 50, deleteOnTermination: 'true' } }]);
    expect(lt.inputs.keyName).toBeUndefined();
    const ng = one(resources, 'aws:eks/nodeGroup:NodeGroup');
    expect(ng.inputs.remoteAccess).toBeUndefined();
    expect(ng.inputs.launchTemplate).toEqual({ id: 'prod-default-id', version: '1' });
    expect(ng.inputs.scalingConfig).toEqual({ minSize: 2, maxSize: 4, desiredSize: 2 });
    expect(ng.inputs.instanceTypes).toEqual(['m6i.large']);
    const nodeTrust = JSON.parse(ofType(resources, 'aws:iam/role:Role').find((r) => r.name === 'prod-node')!.inputs.assumeRolePolicy);
    expect(nodeTrust.Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
  });

  test('add-ons: vpc-cni and EBS CSI with their own IRSA roles; EBS CSI may use this key only', () => {
    const addons = ofType(resources, 'aws:eks/addon:Addon');
    expect(addons.map((a) => a.inputs.addonName).sort()).toEqual(['aws-ebs-csi-driver', 'coredns', 'kube-proxy', 'vpc-cni']);
    const roles = ofType(resources, 'aws:iam/role:Role');
    const trustOf = (name: string) => JSON.parse(roles.find((r) => r.name === name)!.inputs.assumeRolePolicy).Statement[0].Condition.StringEquals;
    const issuer = one(resources, 'aws:iam/openIdConnectProvider:OpenIdConnectProvider').inputs.url.replace('https://', '');
    expect(trustOf('prod-vpc-cni')).toEqual({ [`${issuer}:sub`]: 'system:serviceaccount:kube-system:aws-node', [`${issuer}:aud`]: 'sts.amazonaws.com' });
    expect(trustOf('prod-ebs-csi')).toEqual({ [`${issuer}:sub`]: 'system:serviceaccount:kube-system:ebs-csi-controller-sa', [`${issuer}:aud`]: 'sts.amazonaws.com' });
    expect(addons.find((a) => a.inputs.addonName === 'aws-ebs-csi-driver')!.inputs.serviceAccountRoleArn).toBe('arn:aws:iam::123456789012:role/prod-ebs-csi');
    expect(addons.find((a) => a.inputs.addonName === 'vpc-cni')!.inputs.serviceAccountRoleArn).toBe('arn:aws:iam::123456789012:role/prod-vpc-cni');
    const ebsPolicy = JSON.parse(ofType(resources, 'aws:iam/rolePolicy:RolePolicy').find((r) => r.name === 'prod-ebs-csi')!.inputs.policy);
    expect(ebsPolicy.Statement).toEqual([
      { Effect: 'Allow', Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], Resource: [KEY], Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
      { Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: [KEY] },
    ]);
  });

  test('the IAM roles have fixed names, <name>-<role>, so a key can name them before they exist', () => {
    const roles = ofType(resources, 'aws:iam/role:Role').map((r) => `${r.name} ${r.inputs.name}`);
    expect(roles.sort()).toEqual(['prod-cluster prod-cluster', 'prod-ebs-csi prod-ebs-csi', 'prod-node prod-node', 'prod-vpc-cni prod-vpc-cni']);
    expect(component.roleNames).toEqual({ cluster: 'prod-cluster', node: 'prod-node', ebsCsi: 'prod-ebs-csi', vpcCni: 'prod-vpc-cni' });
    expect(one(resources, 'aws:eks/cluster:Cluster').inputs.roleArn).toBe('arn:aws:iam::123456789012:role/prod-cluster');
  });

  test('keyUsers: the cluster and EBS CSI roles by name, and EC2 Auto Scaling\'s service-linked role', () => {
    expect(HipaaEksCluster.keyUsers('prod')).toEqual({
      userRoleNames: ['prod-cluster', 'prod-ebs-csi'],
      serviceLinkedRoleUsers: ['autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling'],
    });
    expect(HipaaEksCluster.keyUsers('prod', { roleNames: { cluster: 'clinic-eks', ebsCsi: 'clinic-ebs' } }).userRoleNames).toEqual(['clinic-eks', 'clinic-ebs']);
    expect(() => HipaaEksCluster.keyUsers('prod', { roleNames: { cluster: 'a/b' } })).toThrow(
      "[HipaaEksCluster 'prod'] roleNames.cluster: 'a/b' is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -.",
    );
  });

  test('the EBS CSI key is exposed for EncryptedVolume', async () => {
    expect(await valueOf(component.ebsCsiKeyArn)).toBe(KEY);
  });

  test('access entries: admins get cluster admin, auditors the view policy (no Secrets), cluster-wide', () => {
    expect(ofType(resources, 'aws:eks/accessEntry:AccessEntry').map((r) => [r.inputs.principalArn, r.inputs.type])).toEqual([[ADMIN, 'STANDARD'], [AUDITOR, 'STANDARD']]);
    expect(ofType(resources, 'aws:eks/accessPolicyAssociation:AccessPolicyAssociation').map((r) => [r.inputs.principalArn, r.inputs.policyArn, r.inputs.accessScope])).toEqual([
      [ADMIN, 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', { type: 'cluster' }],
      [AUDITOR, 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', { type: 'cluster' }],
    ]);
  });

  test('a Kubernetes provider from the endpoint, CA and aws eks get-token', async () => {
    const provider = one(resources, 'pulumi:providers:kubernetes');
    const raw = provider.inputs.kubeconfig;
    const kubeconfig = JSON.parse(typeof raw === 'string' ? raw : raw.value); // a secret under the mocks
    expect(kubeconfig.clusters[0].cluster.server).toMatch(/^https:\/\/[0-9A-F]{12}\.gr7\.us-east-1\.eks\.amazonaws\.com$/);
    expect(kubeconfig.clusters[0].cluster['certificate-authority-data']).toBe('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t');
    expect(kubeconfig.users[0].user.exec).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', 'prod', '--region', 'us-east-1', '--output', 'json'],
      interactiveMode: 'Never',
    });
    expect(component.provider).toBeDefined();
    expect(JSON.parse(kubeconfigFor('c', 'https://x', 'Y', 'eu-west-1', ADMIN)).users[0].user.exec.args.slice(-2)).toEqual(['--role-arn', ADMIN]);
  });

  test('only the log group and the cluster are protected and retained', () => {
    expect(resources.filter((r) => r.protect || r.retainOnDelete).map((r) => r.type)).toEqual(['aws:cloudwatch/logGroup:LogGroup', 'aws:eks/cluster:Cluster']);
  });
});

describe('HipaaEksCluster options', () => {
  test('public CIDRs: the endpoint is public only to them', async () => {
    const resources = await runProgram(() => void new HipaaEksCluster('pub', { ...base, publicAccessCidrs: ['203.0.113.0/24'] }));
    expect(one(resources, 'aws:eks/cluster:Cluster').inputs.vpcConfig).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] });
    expect(awsFindings(resources)).toEqual([]);
  });

  test('a waived 0.0.0.0/0 is written, with the waiver tag on the cluster, and reported as waived', async () => {
    const waiver = { ruleId: 'aws-eks-endpoint-private', reason: 'Vendor support reaches the API from changing addresses and is compensated by SSO and MFA', expires: SOON };
    const resources = await runProgram(() => void new HipaaEksCluster('open', { ...base, publicAccessCidrs: ['0.0.0.0/0'], waivers: [waiver] }));
    const cluster = one(resources, 'aws:eks/cluster:Cluster');
    expect(cluster.inputs.vpcConfig.publicAccessCidrs).toEqual(['0.0.0.0/0']);
    expect(cluster.inputs.tags).toEqual({ 'hipaa-constructs.io/waiver/aws-eks-endpoint-private': `expires=${SOON} reason=${waiver.reason}` });
    const result = checkRegistered(resources, undefined, { now: new Date() });
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['aws-eks-endpoint-private vpcConfig.publicAccessCidrs[0]']);
  });

  test('a waived shorter retention is written with the waiver tag on the log group', async () => {
    const waiver = { ruleId: 'aws-eks-control-plane-log-retention', reason: 'Logs are copied to the WORM audit bucket which keeps them six years', expires: SOON };
    const resources = await runProgram(() => void new HipaaEksCluster('short', { ...base, logRetentionInDays: 365, waivers: [waiver] }));
    const log = one(resources, 'aws:cloudwatch/logGroup:LogGroup');
    expect(log.inputs.retentionInDays).toBe(365);
    expect(log.inputs.tags).toEqual({ 'hipaa-constructs.io/waiver/aws-eks-control-plane-log-retention': `expires=${SOON} reason=${waiver.reason}` });
    expect(checkRegistered(resources, undefined, { now: new Date() }).unwaived).toEqual([]);
  });

  test('several node groups with their own sizes; subnets given as an Output', async () => {
    const { output } = await import('@pulumi/pulumi');
    const resources = await runProgram(() => void new HipaaEksCluster('multi', {
      ...base,
      subnetIds: output(SUBNETS),
      nodeGroups: { general: { instanceTypes: ['m7i.xlarge', 'm6i.xlarge'], minSize: 3, maxSize: 9, diskSizeGiB: 100 }, arm: { amiType: 'AL2023_ARM_64_STANDARD', instanceTypes: ['m7g.large'], minSize: 0, maxSize: 2, capacityType: 'SPOT' } },
    }));
    expect(ofType(resources, 'aws:eks/nodeGroup:NodeGroup').map((r) => [r.name, r.inputs.scalingConfig, r.inputs.capacityType, r.inputs.subnetIds])).toEqual([
      ['multi-general', { minSize: 3, maxSize: 9, desiredSize: 3 }, 'ON_DEMAND', SUBNETS],
      ['multi-arm', { minSize: 0, maxSize: 2, desiredSize: 0 }, 'SPOT', SUBNETS],
    ]);
    expect(ofType(resources, 'aws:ec2/launchTemplate:LaunchTemplate').map((r) => r.inputs.blockDeviceMappings[0].ebs.volumeSize)).toEqual([100, 50]);
    expect(awsFindings(resources)).toEqual([]);
  });
});

describe('HipaaEksCluster takes a key object and a deployer role', () => {
  test('a HipaaKmsKey-like { arn } key; the provider assumes the deployer role', async () => {
    const { output } = await import('@pulumi/pulumi');
    const resources = await runProgram(() => void new HipaaEksCluster('obj', { ...base, key: { arn: output(KEY) }, deployerRoleArn: ADMIN }));
    expect(one(resources, 'aws:eks/cluster:Cluster').inputs.encryptionConfig.provider.keyArn).toBe(KEY);
    expect(one(resources, 'aws:cloudwatch/logGroup:LogGroup').inputs.kmsKeyId).toBe(KEY);
    const raw = one(resources, 'pulumi:providers:kubernetes').inputs.kubeconfig;
    expect(JSON.parse(typeof raw === 'string' ? raw : raw.value).users[0].user.exec.args.slice(-2)).toEqual(['--role-arn', ADMIN]);
    expect(awsFindings(resources)).toEqual([]);
  });
});

describe('HipaaEksCluster refuses bad input', () => {
  test('a deployer role that is not an admin', () => {
    expect(() => new HipaaEksCluster('prod', { ...base, deployerRoleArn: AUDITOR })).toThrow(
      `[HipaaEksCluster 'prod'] deployerRoleArn: '${AUDITOR}' is not in adminRoleArns; the role that deploys charts needs an admin access entry (add it to adminRoleArns).`);
  });


  const make = (args: Partial<HipaaEksClusterArgs> & Record<string, unknown>, name = 'prod') => () => new HipaaEksCluster(name, { ...base, ...args } as HipaaEksClusterArgs);

  test('an empty subnet list', () => {
    expect(make({ subnetIds: [] })).toThrow("[HipaaEksCluster 'prod'] subnetIds: is empty; give at least two private subnets in different Availability Zones (EKS requires two).");
  });

  test('one subnet, and ids that are not subnet ids', () => {
    expect(make({ subnetIds: ['subnet-0123456789abcdef0'] })).toThrow("[HipaaEksCluster 'prod'] subnetIds: has one subnet; EKS requires subnets in at least two Availability Zones: give two or more private subnets.");
    expect(make({ subnetIds: ['subnet-0123456789abcdef0', 'vpc-0123456789abcdef0'] })).toThrow(
      "[HipaaEksCluster 'prod'] subnetIds[1]: 'vpc-0123456789abcdef0' is not a subnet id (expected subnet- and 8 or 17 hex digits, e.g. subnet-0123456789abcdef0).");
  });

  test('0.0.0.0/0 without a waiver', () => {
    expect(make({ publicAccessCidrs: ['0.0.0.0/0'] })).toThrow(
      "[HipaaEksCluster 'prod'] publicAccessCidrs[0]: '0.0.0.0/0' admits the whole internet: the Kubernetes API of a PHI cluster must not be open that wide; give narrow ranges, " +
      'leave publicAccessCidrs unset for a private endpoint, or waive aws-eks-endpoint-private in waivers with a reason and expires (aws-eks-endpoint-private).');
  });

  test('::/0, a wide block and a non-CIDR, all at once', () => {
    expect(make({ publicAccessCidrs: ['::/0', '10.0.0.0/8', 'office'] })).toThrow([
      "[HipaaEksCluster 'prod'] 3 problems in the props (all are listed; fix each):",
      "- publicAccessCidrs[0]: '::/0' admits the whole internet: the Kubernetes API of a PHI cluster must not be open that wide; give narrow ranges, leave publicAccessCidrs unset for a private endpoint, or waive aws-eks-endpoint-private in waivers with a reason and expires (aws-eks-endpoint-private).",
      "- publicAccessCidrs[1]: '10.0.0.0/8' is wider than /16, more than one network (give the office or VPN egress ranges): the Kubernetes API of a PHI cluster must not be open that wide; give narrow ranges, leave publicAccessCidrs unset for a private endpoint, or waive aws-eks-endpoint-private in waivers with a reason and expires (aws-eks-endpoint-private).",
      '- publicAccessCidrs[2]: "office" is not a CIDR block such as 203.0.113.0/24.',
    ].join('\n'));
  });

  test('a key that is not a key ARN', () => {
    expect(make({ key: 'alias/phi' })).toThrow(
      "[HipaaEksCluster 'prod'] key: 'alias/phi' is an alias name; give the key ARN (e.g. arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab): " +
      'EKS, S3 bucket keys, CloudWatch Logs and Backup need the ARN of a customer-managed key (aws-eks-secrets-encryption).');
  });

  test('retention below six years without a waiver, and a value CloudWatch does not accept', () => {
    expect(make({ logRetentionInDays: 365 })).toThrow(
      "[HipaaEksCluster 'prod'] logRetentionInDays: is 365 days, less than six years (2192): the control-plane audit trail must be kept six years; " +
      'use 2192 or more, or waive aws-eks-control-plane-log-retention in waivers with a reason and expires (aws-eks-control-plane-log-retention).');
    expect(make({ logRetentionInDays: 2190 })).toThrow(
      "[HipaaEksCluster 'prod'] logRetentionInDays: a number (2190) is not a retention CloudWatch Logs accepts; use 2192 (six years), 2557, 2922, 3288, 3653 or 0 (never expire).");
  });

  test('a bad admin ARN and an auditor who is also an admin', () => {
    expect(make({ adminRoleArns: [ADMIN, `arn:aws:iam::${ACCOUNT}:user/alice`], auditorRoleArns: [ADMIN] })).toThrow([
      "[HipaaEksCluster 'prod'] 2 problems in the props (all are listed; fix each):",
      `- adminRoleArns[1]: 'arn:aws:iam::${ACCOUNT}:user/alice' names a user, not a role; expected role/<name> (IRSA assumes a role, never a user's keys). Give the ARN of an IAM role, e.g. arn:aws:iam::123456789012:role/clinic-secrets-reader (aws-eks-cluster-admin-principal).`,
      `- auditorRoleArns[0]: '${ADMIN}' is also in adminRoleArns; a principal has one access entry, give it one role (aws-eks-cluster-admin-principal).`,
    ].join('\n'));
  });

  test('version, cluster name, node group bounds and a waiver of a rule the component does not write', () => {
    expect(make({
      version: '1.27',
      clusterName: '-bad',
      nodeGroups: { Big_Group: {}, ok: { minSize: 5, maxSize: 3, instanceTypes: ['large'], diskSizeGiB: 10 } },
      waivers: [{ ruleId: 'aws-eks-secrets-encryption', reason: 'Secrets are kept in Secrets Manager and never in etcd', expires: SOON }],
    })).toThrow([
      "[HipaaEksCluster 'prod'] 6 problems in the props (all are listed; fix each):",
      '- clusterName: a string ("-bad") is not an EKS cluster name: 1 to 100 letters, digits, \'-\' and \'_\', starting with a letter or digit.',
      '- version: a string ("1.27") is not a Kubernetes version EKS offers; use one of 1.32, 1.33, 1.34, 1.35, 1.36 (default 1.35).',
      "- waivers[0]: waives 'aws-eks-secrets-encryption', but HipaaEksCluster writes nothing that rule flags; it takes waivers of aws-eks-endpoint-private (publicAccessCidrs) and aws-eks-control-plane-log-retention (logRetentionInDays) only.",
      "- nodeGroups.Big_Group: 'Big_Group' is not a node group name: use 1 to 50 lower-case letters, digits and '-' (it becomes part of the node group and launch template names).",
      "- nodeGroups.ok.instanceTypes[0]: a string (\"large\") is not an EC2 instance type (expected e.g. 'm6i.large').",
      '- nodeGroups.ok.diskSizeGiB: must be a whole number from 20 to 16384, got a number (10).',
    ].join('\n'));
    expect(make({ nodeGroups: { ok: { minSize: 5, maxSize: 3 } } })).toThrow("[HipaaEksCluster 'prod'] nodeGroups.ok.minSize: is 5, more than maxSize 3.");
    expect(make({ nodeGroups: {} })).toThrow("[HipaaEksCluster 'prod'] nodeGroups: is empty; give at least one node group (pods need nodes), e.g. { general: {} }.");
  });

  test('roleNames given: the roles carry them; bad, duplicate, unknown and too-long role names are refused together', async () => {
    const named = await runProgram(() => {
      new HipaaEksCluster('prod', { ...base, roleNames: { cluster: 'clinic-eks', node: 'clinic-nodes', ebsCsi: 'clinic-ebs-csi', vpcCni: 'clinic-cni' } });
    });
    expect(ofType(named, 'aws:iam/role:Role').map((r) => r.inputs.name).sort()).toEqual(['clinic-cni', 'clinic-ebs-csi', 'clinic-eks', 'clinic-nodes']);
    expect(awsFindings(named)).toEqual([]);
    expect(make({ roleNames: { cluster: 'x'.repeat(65), node: 'same', ebsCsi: 'same', vpcCni: 'has space', kubelet: 'k' } as any })).toThrow([
      "[HipaaEksCluster 'prod'] 4 problems in the props (all are listed; fix each):",
      '- roleNames.kubelet: is not a role of the cluster; name cluster, node, ebsCsi, vpcCni.',
      `- roleNames.cluster: '${'x'.repeat(65)}' is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -.`,
      "- roleNames.ebsCsi: 'same' is also roleNames.node; each role needs its own name.",
      "- roleNames.vpcCni: 'has space' is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -.",
    ].join('\n'));
    const long = 'c'.repeat(57);
    expect(() => new HipaaEksCluster(long, { ...base, clusterName: 'prod', nodeGroups: { a: {} }, roleNames: { cluster: 'prod-cluster' } })).toThrow([
      `[HipaaEksCluster '${long}'] 2 problems in the props (all are listed; fix each):`,
      `- roleNames.ebsCsi: the default '${long}-ebs-csi' is 65 characters; IAM allows 64: set roleNames.ebsCsi, or use a component name of at most 56 characters.`,
      `- roleNames.vpcCni: the default '${long}-vpc-cni' is 65 characters; IAM allows 64: set roleNames.vpcCni, or use a component name of at most 56 characters.`,
    ].join('\n'));
  });

  test('with a HipaaKmsKey whose users are HipaaEksCluster.keyUsers: key first, then the cluster; the AWS pack finds nothing on the pair', async () => {
    let key!: HipaaKmsKey;
    const pair = await runProgram(() => {
      key = new HipaaKmsKey('eks', {
        administrators: [`arn:aws:iam::${ACCOUNT}:role/key-admins`],
        ...HipaaEksCluster.keyUsers('prod'),
        servicePrincipals: { cloudWatchLogGroupArns: [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/eks/prod/cluster`] },
      });
      new HipaaEksCluster('prod', { ...base, key });
    });
    const policy = JSON.parse(one(pair, 'aws:kms/key:Key').inputs.policy);
    const roleArns = ofType(pair, 'aws:iam/role:Role').filter((r) => ['prod-cluster', 'prod-ebs-csi'].includes(r.name)).map((r) => `arn:aws:iam::${ACCOUNT}:role/${r.inputs.name}`);
    expect(policy.Statement.find((st: any) => st.Sid === 'KeyUserRoles').Condition.ArnEquals['aws:PrincipalArn'].sort()).toEqual(roleArns.sort());
    expect(policy.Statement.find((st: any) => st.Sid === 'KeyUsers').Principal.AWS).toEqual([
      `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    ]);
    // The roles named by the key carry IAM policies that allow the use (the account principal needs both).
    const keyArn = await valueOf(key.arn);
    const policies = ofType(pair, 'aws:iam/rolePolicy:RolePolicy');
    for (const name of ['prod-cluster-key', 'prod-ebs-csi']) {
      const statements = JSON.parse(policies.find((r) => r.name === name)!.inputs.policy).Statement;
      expect(statements.some((st: any) => st.Action.includes('kms:Decrypt') && st.Resource.length === 1 && st.Resource[0] === keyArn)).toBe(true);
    }
    expect(awsFindings(pair)).toEqual([]);
  });

  test('a HipaaKmsKey whose userRoleNames miss the cluster\'s roles (keyUsers called without the same roleNames) is refused', async () => {
    let refusal = 'no error';
    await runProgram(() => {
      const key = new HipaaKmsKey('eks', { administrators: [`arn:aws:iam::${ACCOUNT}:role/key-admins`], ...HipaaEksCluster.keyUsers('prod') });
      try {
        new HipaaEksCluster('prod', { ...base, key, roleNames: { cluster: 'clinic-eks' } });
      } catch (e) {
        refusal = (e as Error).message;
      }
    });
    expect(refusal).toBe(
      "[HipaaEksCluster 'prod'] key: its userRoleNames ('prod-cluster', 'prod-ebs-csi') do not include this cluster's 'clinic-eks', which must use the key " +
      '(Secrets envelope encryption, encrypted volumes): create the key with ...HipaaEksCluster.keyUsers(name, { roleNames }), the same name and roleNames as the cluster.',
    );
  });
});
