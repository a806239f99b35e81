import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { ClinicChart } from '../../examples/cdk8s-app/clinic-chart';
import { policies } from '../../examples/pulumi-policy-pack/policies';
import type { PolicyStackResource } from '../../lib/pulumi';

const DIR = path.join(__dirname, '..', '..', 'examples', 'pulumi-policy-pack');

describe('examples/pulumi-policy-pack', () => {
  test('is a Node.js policy pack @pulumi/policy can serve: PulumiPolicy.yaml, a package version, valid policy names and config schemas', () => {
    expect(fs.readFileSync(path.join(DIR, 'PulumiPolicy.yaml'), 'utf8')).toMatch(/^runtime: nodejs$/m);
    // new PolicyPack reads the version from the pack's package.json.
    expect(JSON.parse(fs.readFileSync(path.join(DIR, 'package.json'), 'utf8')).version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fs.readFileSync(path.join(DIR, 'index.ts'), 'utf8')).toContain("new PolicyPack('hipaa', {");
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    // What @pulumi/policy's serve() refuses (it exits the process).
    expect(names).not.toContain('all');
    for (const p of policies) {
      expect(Object.keys(p.configSchema?.properties ?? {})).not.toContain('enforcementLevel');
      expect(p.description.length).toBeGreaterThan(0);
    }
  });

  test('the example cdk8s app, deployed through Pulumi, has no mandatory violation', () => {
    const manifests = Testing.synth(new ClinicChart(Testing.app(), 'clinic'));
    const resources: PolicyStackResource[] = manifests.map((m: any) => {
      const type = `kubernetes:${m.apiVersion.includes('/') ? m.apiVersion : `core/${m.apiVersion}`}:${m.kind}`;
      const name = `${m.metadata.namespace ?? ''}/${m.metadata.name}`;
      return { type, name, urn: `urn:pulumi:dev::clinic::kubernetes:yaml/v2:ConfigGroup$${type}::${name}`, props: m };
    });
    const mandatory: string[] = [];
    for (const p of policies) {
      const args = { resources, getConfig: <T extends object>() => ({}) as T, notApplicable: (): never => { throw new Error('n/a'); } };
      try {
        p.validateStack(args, (message) => {
          if (p.enforcementLevel === 'mandatory') mandatory.push(`${p.name}: ${message}`);
        });
      } catch (e) {
        if ((e as Error).message !== 'n/a') throw e;
      }
    }
    expect(mandatory).toEqual([]);
  });
});
