// Validates admissionregistration.k8s.io/v1 objects with kubernetes-models (ESM-only; run by
// test/helpers/admission-schema.ts in a child node process). stdin: a JSON list of objects;
// stdout: a JSON list of error strings ('' when valid), one per object.
import * as v1 from 'kubernetes-models/admissionregistration.k8s.io/v1';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const objects = JSON.parse(input);
const out = objects.map((o) => {
  const Model = v1[o.kind];
  if (typeof Model !== 'function' || o.apiVersion !== 'admissionregistration.k8s.io/v1') return `no model for ${o.apiVersion} ${o.kind}`;
  try {
    new Model(o).validate();
    return '';
  } catch (e) {
    return String(e.message);
  }
});
process.stdout.write(JSON.stringify(out));
