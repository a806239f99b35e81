/**
 * Regenerates lib/imports/ (typed classes for the custom resources the constructs write) from the
 * upstream CRDs pinned in crds/sources.json, with `cdk8s import`. Versions a CRD no longer
 * serves (External Secrets `v1beta1`, Velero none, snapshot `v1beta1`) are dropped first, so
 * no class exists for an API version the API server would refuse. Nothing is downloaded.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';

interface Source {
  readonly module: string;
  readonly files: { readonly path: string }[];
}

const root = path.join(__dirname, '..');
const crds = path.join(root, 'crds');
const output = path.join(root, 'lib', 'imports');
const sources: Source[] = JSON.parse(fs.readFileSync(path.join(crds, 'sources.json'), 'utf8')).sources;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-crds-'));

fs.rmSync(output, { recursive: true, force: true });
for (const source of sources) {
  const documents = source.files.map((f) => {
    const crd = yaml.load(fs.readFileSync(path.join(crds, f.path), 'utf8')) as { spec: { versions: { served: boolean }[] } };
    crd.spec.versions = crd.spec.versions.filter((v) => v.served);
    return yaml.dump(crd, { noRefs: true, lineWidth: -1 });
  });
  const file = path.join(work, `${source.module}.yaml`);
  fs.writeFileSync(file, documents.join('---\n'));
  execFileSync(path.join(root, 'node_modules', '.bin', 'cdk8s'), ['import', file, '--output', output, '--language', 'typescript', '--no-save', '--check-upgrade', 'false'], {
    cwd: work,
    stdio: 'inherit',
  });
}
fs.rmSync(work, { recursive: true, force: true });
