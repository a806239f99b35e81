/**
 * One object per cdk8s app, kept on the app's root construct under a global symbol (so two
 * loaded copies of this package share it): the registries that collect what constructs declare
 * and decide it once per synth (flows, mesh namespaces).
 */
import type { IConstruct } from 'constructs';

/** The app's object under `key`, created by `create(root)` on first use. */
export function appRegistry<T>(scope: IConstruct, key: symbol, create: (root: IConstruct) => T): T {
  const root = scope.node.root as any;
  if (root[key] === undefined) Object.defineProperty(root, key, { value: create(scope.node.root) });
  return root[key];
}

/** The app's object under `key`, if a construct created one. */
export function existingAppRegistry<T>(scope: IConstruct, key: symbol): T | undefined {
  return (scope.node.root as any)[key];
}
