import type { Rule } from '../../../check/rule';
import { EKS_NODE_GROUP } from '../support/eks';

/** Nodes are launched from a launch template the account controls. */
export const eksNodeGroupLaunchTemplate: Rule = {
  id: 'aws-eks-node-group-launch-template',
  title: 'An EKS managed node group must run on a launch template',
  description:
    'Without launchTemplate, EKS launches nodes from a template it generates and does not document (aws/containers-roadmap#1497): ' +
    'whether pods can reach instance metadata (and with it the node role\'s credentials) and whether the root volume is ' +
    'encrypted under a customer-managed key are settings the program neither chooses nor shows. A launch template of the ' +
    'account sets IMDSv2 with hop limit 1 and a root volume under a customer-managed key, which the aws-ec2-launch-template ' +
    'rules then check.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)'],
  kinds: [EKS_NODE_GROUP],
  fix: 'Give launchTemplate: { id, version } of a template with metadataOptions.httpTokens "required", hop limit 1 and encrypted block devices (HipaaEksCluster creates one per node group).',
  check(resource, _ctx, report) {
    const lt: any = resource.body.launchTemplate;
    if (lt === undefined || lt === null || (lt.id === undefined && lt.name === undefined)) {
      report({ path: 'launchTemplate', message: `node group '${resource.name}' has no launch template, so EKS generates one with default metadata and disk settings` });
    }
    if (resource.body.diskSize !== undefined) {
      report({ path: 'diskSize', message: `node group '${resource.name}' sets diskSize, which only applies to EKS's generated launch template; set the root volume in the launch template's blockDeviceMappings` });
    }
  },
};
