/**
 * The bridge from Pulumi to cdk8s: a chart built by a callback from resolved Pulumi values (ARNs,
 * names), checked by the full rule pack exactly as `cdk8s synth` checks it, and deployed with
 * @pulumi/kubernetes. The Kubernetes objects come only from the cdk8s constructs (DESIGN
 * principle 3): this component never writes a manifest of its own.
 */
import type { Provider } from '@pulumi/kubernetes/provider';
import * as pulumi from '@pulumi/pulumi';
import type { App } from 'cdk8s';
import { componentProblems } from './component-problems';
import { cdk8sPeersForChart } from './peers';
import type { HipaaValidationProps } from '../cdk8s/validation';

/** A map of values, each given as a Pulumi input. */
export type InputValues<V> = { readonly [K in keyof V]: pulumi.Input<V[K]> };

/** What a HipaaChart is built from and where it is deployed. */
export interface HipaaChartArgs<V extends Record<string, unknown>> {
  /**
   * Values the chart needs from other resources, e.g. `{ roleArn: role.arn, bucket: store.bucketName }`.
   * `build` runs once all of them are known (during `pulumi up`; in a preview, only when they already exist).
   * @default - no values
   */
  readonly values?: InputValues<V>;
  /**
   * Builds the charts with the cdk8s constructs in the cdk8s App it receives, from the resolved
   * values: a chart class of your app (`(app, v) => new ClinicChart(app, 'clinic', { keyArn: v.keyArn })`),
   * or constructs in a new chart (`(app, v) => new KmsSecretStore(new Chart(app, 'secrets'), 'store', { roleArn: v.roleArn, ... })`).
   * Every chart of the App is checked together and deployed.
   */
  readonly build: (app: App, values: V) => void;
  /**
   * The Kubernetes provider of the cluster to deploy into, e.g. `cluster.provider` of a HipaaEksCluster.
   * @default - the stack's default Kubernetes provider (the ambient kubeconfig)
   */
  readonly provider?: Provider;
  /**
   * Settings of the check that runs on the chart before anything is deployed: the same settings as
   * `HipaaValidation.enable` (waivers for objects the constructs did not create, allowed
   * registries, Kubernetes version...). @default - the full Kubernetes pack with its defaults
   */
  readonly validation?: HipaaValidationProps;
}

/**
 * cdk8s charts deployed by Pulumi. The charts are built and checked by the full rule pack when its
 * values are known; an unwaived error finding fails the Pulumi program with the message `cdk8s
 * synth` gives, and nothing is deployed. Its objects are applied by one `kubernetes:yaml/v2:ConfigGroup`,
 * which orders Namespaces and CRDs before the objects that use them.
 */
export class HipaaChart<V extends Record<string, unknown> = Record<string, never>> extends pulumi.ComponentResource {
  /** The chart's manifests, as checked and deployed. */
  public readonly manifests: pulumi.Output<Array<Record<string, any>>>;
  /** The Kubernetes resources the ConfigGroup created. */
  public readonly resources: pulumi.Output<any[]>;

  constructor(name: string, args: HipaaChartArgs<V>, opts?: pulumi.ComponentResourceOptions) {
    validateArgs(name, args);
    cdk8sPeersForChart(name);
    super('hipaa-constructs:kubernetes:HipaaChart', name, {}, opts);
    const values = pulumi.output((args.values ?? {}) as pulumi.Input<Record<string, unknown>>) as unknown as pulumi.Output<V>;
    // A refusal fails the program as a RunError: Pulumi prints its message (the synth's, after the
    // component's name, so a stack with several charts says which one) without a stack.
    this.manifests = values.apply((resolved) => {
      try {
        return synthesizeChart(name, args, resolved);
      } catch (e) {
        const message = (e as Error).message;
        throw new pulumi.RunError(message.startsWith(`[HipaaChart '${name}']`) ? message : `[HipaaChart '${name}'] build: ${message}`);
      }
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ConfigGroup } = require('@pulumi/kubernetes/yaml/v2') as typeof import('@pulumi/kubernetes/yaml/v2');
    const group = new ConfigGroup(name, { objs: this.manifests }, { parent: this, provider: args.provider });
    this.resources = group.resources;
    this.registerOutputs({ manifests: this.manifests });
  }
}

/** Builds the chart in a fresh cdk8s App and returns its checked manifests (throws the synth's refusal). */
export function synthesizeChart<V>(name: string, args: Pick<HipaaChartArgs<any>, 'build' | 'validation'>, values: V): Array<Record<string, any>> {
  // cdk8s is loaded only when a chart is built: the Pulumi entry point stays light.
  cdk8sPeersForChart(name);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App } = require('cdk8s') as typeof import('cdk8s');
  const { HipaaValidation } = require('../cdk8s/validation') as typeof import('../cdk8s/validation');
  const yaml = require('js-yaml') as typeof import('js-yaml');
  const { KUBERNETES_YAML_SCHEMA } = require('../check/manifests') as typeof import('../check/manifests');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const app = new App();
  HipaaValidation.enable(app, args.validation);
  args.build(app, values);
  if (app.charts.length === 0) {
    throw new Error(
      `[HipaaChart '${name}'] build: the app has no chart; build must add a chart to the app it receives (e.g. new ClinicChart(app, 'clinic', {...})).`,
    );
  }
  // One synth pass: every chart checked together (cross-chart facts such as a namespace's
  // NetworkPolicies), in the charts' dependency order, refused with the message of `cdk8s synth`.
  const documents = yaml.loadAll(app.synthYaml(), undefined, { schema: KUBERNETES_YAML_SCHEMA }) as Array<Record<string, any> | null>;
  const manifests = documents.filter((m): m is Record<string, any> => m !== null);
  if (manifests.length === 0) {
    throw new Error(`[HipaaChart '${name}'] build: the charts have no objects; add constructs to the chart(s) build creates.`);
  }
  return manifests;
}

function validateArgs(name: string, args: HipaaChartArgs<any>): void {
  const problems = componentProblems('HipaaChart', name);
  if (args === null || typeof args !== 'object') {
    problems.add('args', 'expected { build, values?, provider?, validation? }.');
    problems.throwIfAny();
  }
  if (typeof args.build !== 'function') problems.add('build', `expected a function (app, values) => void that adds cdk8s charts to the app, got ${typeof args.build}.`);
  if (args.values !== undefined && (args.values === null || typeof args.values !== 'object' || Array.isArray(args.values))) {
    problems.add('values', 'expected an object of named values, e.g. { roleArn: role.arn }.');
  }
  problems.throwIfAny();
}
