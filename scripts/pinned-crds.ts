/**
 * The upstream CRDs pinned in crds/ (sources.json), as the import script, the CRD schema helper
 * of the tests and the hash test read them. One reader so the three agree on two upstream quirks:
 *
 * - `helmTemplate`: Linkerd ships its CRDs only as Helm templates; the template lines (`{{ ... }}`,
 *   all of them chart labels and annotations in metadata) are dropped before parsing.
 * - `upstreamDocument`: Istio ships all its CRDs in one 870 kB file; the pinned file is the
 *   byte-exact slice of that file (between `---` separators) which defines the named CRD.
 *
 * `importVersions` (of a source, or of one file) limits the generated classes to the versions the constructs write (the CRDs
 * still define the others, and tests still accept every served version).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';

export interface PinnedFile {
  readonly path: string;
  readonly upstreamPath: string;
  readonly upstreamDocument?: string;
  readonly helmTemplate?: boolean;
  readonly importVersions?: readonly string[];
  readonly sha256: string;
}
export interface PinnedSource {
  readonly module: string;
  readonly project: string;
  readonly version: string;
  readonly commit: string;
  readonly importVersions?: readonly string[];
  readonly files: readonly PinnedFile[];
}
export interface PinnedCrd {
  readonly source: PinnedSource;
  readonly file: PinnedFile;
  readonly crd: {
    readonly spec: {
      readonly group: string;
      readonly scope: 'Namespaced' | 'Cluster';
      readonly names: { readonly kind: string };
      versions: { readonly name: string; readonly served: boolean; readonly schema?: { readonly openAPIV3Schema: Record<string, unknown> } }[];
    };
  };
}

export const CRD_DIR = path.join(__dirname, '..', 'crds');

export function pinnedSources(): PinnedSource[] {
  return JSON.parse(fs.readFileSync(path.join(CRD_DIR, 'sources.json'), 'utf8')).sources;
}

export function pinnedCrds(): PinnedCrd[] {
  return pinnedSources().flatMap((source) => source.files.map((file) => {
    let text = fs.readFileSync(path.join(CRD_DIR, file.path), 'utf8');
    if (file.helmTemplate) text = text.split('\n').filter((line) => !line.includes('{{')).join('\n');
    return { source, file, crd: yaml.load(text) as PinnedCrd['crd'] };
  }));
}

/** Whether lib/imports has (and must have) a class for this version. */
export function importsVersion(pinned: Pick<PinnedCrd, 'source' | 'file'>, version: { readonly name: string; readonly served: boolean }): boolean {
  const only = pinned.file.importVersions ?? pinned.source.importVersions;
  return version.served && (!only || only.includes(version.name));
}
