/**
 * Validation of `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy(+Binding) objects,
 * which Kubernetes serves from 1.30 (GA) and the 1.28 schemas of test/helpers/schema.ts lack.
 * Two checks, both must pass:
 *
 * 1. The upstream v1 schema: kubernetes-models 5.1.0, generated from a Kubernetes OpenAPI
 *    document of 1.34 or later (it has resource.k8s.io/v1, GA in 1.34), checks types, enums
 *    (failurePolicy, validationActions...) and required fields of the v1 kinds. Its validators
 *    do not refuse unknown fields.
 * 2. Strict (unknown fields refused): the same object as `v1beta1` against the strict 1.28
 *    schema. The v1 kinds were promoted from v1beta1 without removing a field, so a field 1.28's
 *    v1beta1 knows is a v1 field; what v1 added later (none is written by ImagePolicy) would show
 *    here as unknown.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { validateManifest } from './schema';

const V1 = 'admissionregistration.k8s.io/v1';

/** Every error of the objects (which must all be admissionregistration.k8s.io/v1), one line each. */
export function validateAdmissionPolicies(objects: readonly any[]): string[] {
  const lines: string[] = [];
  const upstream: string[] = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'admission-validate.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    cwd: path.join(__dirname, '..', '..'),
  }));
  objects.forEach((o, i) => {
    const id = `${o.kind} ${o.metadata?.name}`;
    if (o.apiVersion !== V1) {
      lines.push(`${id}: apiVersion ${o.apiVersion}, expected ${V1}`);
      return;
    }
    if (upstream[i] !== '') lines.push(`${id} (v1 schema): ${upstream[i]}`);
    for (const e of validateManifest({ ...o, apiVersion: 'admissionregistration.k8s.io/v1beta1' })) {
      lines.push(`${id} (strict, as 1.28 v1beta1): ${e.path || '(object)'}: ${e.message}`);
    }
  });
  return lines;
}
