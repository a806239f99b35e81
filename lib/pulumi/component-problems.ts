/** Input problems of a Pulumi component, named by its class and resource name. */
import { InputProblems } from '../cdk8s/input-problems';

/** Collects the problems of a component's args; messages start with `[HipaaEksCluster 'prod']`. */
export function componentProblems(className: string, name: string): InputProblems {
  return new InputProblems(`${className} '${name}'`);
}
