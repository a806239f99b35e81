/**
 * Regenerates lib/imports/ (typed classes for the custom resources the constructs write) from the
 * upstream CRDs pinned in crds/sources.json, with `cdk8s import`. Versions a CRD no longer
 * serves (External Secrets `v1beta1`, Velero none, snapshot `v1beta1`) are dropped first, so
 * no class exists for an API version the API server would refuse; so are versions outside a source's
 * `importVersions`. Nothing is downloaded.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { importsVersion, pinnedCrds, pinnedSources } from './pinned-crds';

const root = path.join(__dirname, '..');
const output = path.join(root, 'lib', 'imports');
const crds = pinnedCrds();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-crds-'));

fs.rmSync(output, { recursive: true, force: true });
for (const source of pinnedSources()) {
  const documents = crds.filter((c) => c.source.module === source.module).map((pinned) => {
    const crd = pinned.crd;
    crd.spec.versions = crd.spec.versions.filter((v) => importsVersion(pinned, v));
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
