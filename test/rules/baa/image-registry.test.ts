import { external, flowsTo, NOW, REGISTER, resource } from './fixtures';
import { imageRegistryViolations } from '../../../lib/rules/baa/image-registry';

const API = { kind: 'Deployment', namespace: 'clinic', name: 'records-api' };
const api = resource('Deployment', 'clinic', 'records-api');
const PATH = 'spec.template.spec.containers[0].image';

describe('baa-image-registry', () => {
  test('flags a PHI workload\'s registry whose vendor has no BAA, and an unregistered one', () => {
    expect(imageRegistryViolations(flowsTo(external('registry', { type: 'registry', value: 'docker.io' }, API, PATH)), REGISTER, api, NOW)).toEqual([{
      path: PATH,
      message: 'runs workload clinic/records-api, which handles PHI, from images of registry docker.io of vendor Docker Hub (dockerhub), which has no BAA that covers it (Docker Hub: no BAA)',
      fix: 'Sign a BAA with Docker Hub (dockerhub) that covers registry docker.io and record it in the BAA register, or stop sending PHI there.',
    }]);
    expect(imageRegistryViolations(flowsTo(external('registry', { type: 'registry', value: 'quay.io' }, API, PATH)), REGISTER, api, NOW).map((v) => v.message)).toEqual([
      'runs workload clinic/records-api, which handles PHI, from images of registry quay.io, which no vendor of the BAA register matches',
    ]);
  });

  test('passes a registry of a vendor with a BAA (ECR of a listed account), and the registries of non-PHI workloads', () => {
    const ecr = { type: 'registry' as const, value: '123456789012.dkr.ecr.us-east-1.amazonaws.com', provider: 'aws', service: 'ecr', account: '123456789012' };
    expect(imageRegistryViolations(flowsTo(external('registry', ecr, API, PATH)), REGISTER, api, NOW)).toEqual([]);
    expect(imageRegistryViolations(flowsTo(external('registry', { type: 'registry', value: 'docker.io' }, API, PATH), false), REGISTER, api, NOW)).toEqual([]);
  });
});
