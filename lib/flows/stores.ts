/**
 * Secret stores and backup targets: where secrets come from (External Secrets SecretStore and
 * ClusterSecretStore) and where backups go (Velero BackupStorageLocation, used by Schedules and
 * Backups).
 *
 * A secret store is reached by the External Secrets operator on behalf of the workloads that use
 * the Secrets it syncs: the graph draws `workload -> store` for each workload that mounts or reads
 * a Secret an ExternalSecret writes from that store. A backup location receives the data of the
 * namespaces a Schedule (or Backup) includes: the graph draws `workload -> backup target` for each
 * workload of those namespaces that keeps data on persistent volumes.
 */
import { ClusterIndex, IndexedWorkload } from './cluster-index';
import { Declared, externalNode } from './external-nodes';
import type { Destination, EdgeTransport, FlowNode } from './flow-graph';
import type { FlowGraphBuilder } from './graph-builder';
import { podReferences } from './pod-references';
import type { Resource } from '../check/resource';
import { isObject } from '../rules/k8s/support/objects';

const ACCOUNT_IN_ARN = /^arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:([0-9]{12}):/;

/** Adds secret stores and the edges from the workloads using the Secrets synced from them. */
export function addSecretStores(index: ClusterIndex, graph: FlowGraphBuilder): void {
  // Store key (`SecretStore\0ns\0name` or `ClusterSecretStore\0\0name`) -> its node.
  const stores = new Map<string, FlowNode>();
  for (const kind of ['SecretStore', 'ClusterSecretStore']) {
    for (const store of index.ctx.ofKind(kind)) {
      const ns = kind === 'SecretStore' ? index.namespaceOf(store) : undefined;
      const node = secretStoreNode(index, store, ns);
      if (node === undefined) continue;
      stores.set(`${kind}\u0000${ns ?? ''}\u0000${store.name}`, graph.node(node));
    }
  }
  if (stores.size === 0) return;
  // Secret (`ns\0name`) -> workloads using it.
  const users = new Map<string, IndexedWorkload[]>();
  for (const [ns, list] of index.workloads) {
    for (const w of list) {
      for (const s of podReferences(w).secrets) {
        const key = `${ns}\u0000${s}`;
        const l = users.get(key);
        if (l) l.push(w);
        else users.set(key, [w]);
      }
    }
  }
  for (const es of index.ctx.ofKind('ExternalSecret')) {
    const ns = index.namespaceOf(es);
    const spec = isObject(es.body.spec) ? es.body.spec : {};
    const ref = isObject(spec.secretStoreRef) ? spec.secretStoreRef : {};
    const kind = ref.kind === 'ClusterSecretStore' ? 'ClusterSecretStore' : 'SecretStore';
    const store = stores.get(`${kind}\u0000${kind === 'SecretStore' ? ns : ''}\u0000${String(ref.name)}`);
    if (store === undefined) continue;
    const target = isObject(spec.target) && typeof spec.target.name === 'string' ? spec.target.name : es.name;
    for (const w of users.get(`${ns}\u0000${target}`) ?? []) {
      graph.edge({
        from: w.id,
        to: store.id,
        ports: ['TCP/443'],
        transport: urlTransport(store.destination?.value),
        via: `ExternalSecret ${ns}/${es.name} syncs Secret ${target} from ${kind} ${ref.name}`,
        source: es.source,
      });
    }
  }
}

/** The node of a SecretStore or ClusterSecretStore, by its provider. */
function secretStoreNode(index: ClusterIndex, store: Resource, ns: string | undefined): FlowNode | undefined {
  const provider = isObject(store.body.spec?.provider) ? store.body.spec.provider : undefined;
  if (provider === undefined) return undefined;
  const name = Object.keys(provider).sort()[0];
  if (name === undefined) return undefined;
  const p = isObject(provider[name]) ? provider[name] : {};
  const at: Declared = { resource: store, namespace: ns, path: `spec.provider.${name}` };
  let destination: Destination;
  let label: string;
  switch (name) {
    case 'aws': {
      const region = typeof p.region === 'string' ? p.region : '';
      const parameterStore = p.service === 'ParameterStore';
      const service = parameterStore ? 'ssm' : 'secretsmanager';
      const account = awsAccount(index, p, ns);
      destination = { type: 'secret-store', value: `${parameterStore ? 'ssm' : 'secretsmanager'}.${region || '<region>'}.amazonaws.com`, provider: 'aws', service, ...(account ? { account } : {}) };
      label = `AWS ${parameterStore ? 'Parameter Store' : 'Secrets Manager'}${region ? ` (${region})` : ''}`;
      break;
    }
    case 'vault': {
      const server = typeof p.server === 'string' ? p.server : '';
      destination = { type: 'secret-store', value: server, provider: 'vault' };
      label = `Vault ${server}`;
      break;
    }
    case 'gcpsm':
      destination = { type: 'secret-store', value: `secretmanager.googleapis.com${typeof p.projectID === 'string' ? `/${p.projectID}` : ''}`, provider: 'gcp', service: 'secretmanager', ...(typeof p.projectID === 'string' ? { account: p.projectID } : {}) };
      label = 'Google Secret Manager';
      break;
    case 'azurekv':
      destination = { type: 'secret-store', value: typeof p.vaultUrl === 'string' ? p.vaultUrl : 'azure key vault', provider: 'azure', service: 'keyvault' };
      label = `Azure Key Vault ${typeof p.vaultUrl === 'string' ? p.vaultUrl : ''}`.trim();
      break;
    default:
      destination = { type: 'secret-store', value: typeof p.server === 'string' ? p.server : typeof p.url === 'string' ? p.url : name, provider: name };
      label = `${name} secret store`;
  }
  const id = `secret-store:${destination.provider}/${destination.value}`;
  return externalNode('secret-store', id, label, destination, at);
}

/** The AWS account of a store: its `role` ARN, or the IRSA role of the ServiceAccount it authenticates as. */
function awsAccount(index: ClusterIndex, p: Record<string, any>, ns: string | undefined): string | undefined {
  if (typeof p.role === 'string') return ACCOUNT_IN_ARN.exec(p.role)?.[1];
  const sa = p.auth?.jwt?.serviceAccountRef;
  if (!isObject(sa) || typeof sa.name !== 'string') return undefined;
  const saNs = typeof sa.namespace === 'string' ? sa.namespace : ns;
  if (saNs === undefined) return undefined;
  const account = index.ctx.inNamespace('ServiceAccount', saNs).find((s) => s.name === sa.name);
  const arn = account?.body.metadata?.annotations?.['eks.amazonaws.com/role-arn'];
  return typeof arn === 'string' ? ACCOUNT_IN_ARN.exec(arn)?.[1] : undefined;
}

/** Adds Velero backup locations and the edges from the workloads whose data Schedules and Backups send there. */
export function addBackupTargets(index: ClusterIndex, graph: FlowGraphBuilder): void {
  const locations = new Map<string, FlowNode>();
  let defaultLocation: FlowNode | undefined;
  for (const bsl of index.ctx.ofKind('BackupStorageLocation')) {
    const ns = index.namespaceOf(bsl);
    const node = backupNode(bsl, ns);
    if (node === undefined) continue;
    const kept = graph.node(node);
    locations.set(`${ns}\u0000${bsl.name}`, kept);
    if (bsl.body.spec?.default === true || (bsl.name === 'default' && defaultLocation === undefined)) defaultLocation = kept;
  }
  if (locations.size === 0) return;
  for (const kind of ['Schedule', 'Backup']) {
    for (const b of index.ctx.ofKind(kind)) {
      const ns = index.namespaceOf(b);
      const spec = kind === 'Schedule' ? b.body.spec?.template : b.body.spec;
      if (!isObject(spec)) continue;
      const target = typeof spec.storageLocation === 'string' ? locations.get(`${ns}\u0000${spec.storageLocation}`) : defaultLocation;
      if (target === undefined) continue;
      const included: unknown[] = Array.isArray(spec.includedNamespaces) && spec.includedNamespaces.length > 0 ? spec.includedNamespaces : ['*'];
      const excluded = new Set(Array.isArray(spec.excludedNamespaces) ? spec.excludedNamespaces : []);
      const namespaces = included.includes('*') ? [...index.workloads.keys()] : included.filter((n): n is string => typeof n === 'string');
      for (const n of namespaces) {
        if (excluded.has(n)) continue;
        for (const w of index.workloads.get(n) ?? []) {
          if (!podReferences(w).persistent) continue;
          graph.edge({
            from: w.id,
            to: target.id,
            ports: ['TCP/443'],
            transport: urlTransport(target.destination?.value),
            via: `Velero ${kind} ${ns}/${b.name} to BackupStorageLocation ${target.object?.name ?? ''}`.trimEnd(),
            source: b.source,
          });
        }
      }
    }
  }
}

/** The node of a Velero BackupStorageLocation. */
function backupNode(bsl: Resource, ns: string): FlowNode | undefined {
  const spec = isObject(bsl.body.spec) ? bsl.body.spec : {};
  const bucket = isObject(spec.objectStorage) && typeof spec.objectStorage.bucket === 'string' ? spec.objectStorage.bucket : undefined;
  if (bucket === undefined) return undefined;
  const prefix = typeof spec.objectStorage.prefix === 'string' && spec.objectStorage.prefix !== '' ? spec.objectStorage.prefix : undefined;
  const provider = typeof spec.provider === 'string' ? spec.provider.replace(/^velero\.io\//, '') : undefined;
  const config = isObject(spec.config) ? spec.config : {};
  const s3Url = typeof config.s3Url === 'string' ? config.s3Url : undefined;
  const onAws = provider === 'aws' && (s3Url === undefined || /\.amazonaws\.com(:[0-9]+)?(\/|$)/.test(s3Url));
  const service = provider === 'aws' ? 's3' : provider === 'gcp' ? 'storage' : provider === 'azure' ? 'blob' : undefined;
  const value = s3Url !== undefined && !onAws ? `${s3Url.replace(/\/+$/, '')}/${bucket}` : bucket;
  const scheme = provider === 'aws' ? 's3' : provider === 'gcp' ? 'gs' : provider === 'azure' ? 'azure' : provider ?? 'bucket';
  const label = `${scheme}://${bucket}${prefix ? `/${prefix}` : ''}`;
  const destination: Destination = {
    type: 'bucket',
    value,
    ...(provider !== undefined && (provider !== 'aws' || onAws) ? { provider } : {}),
    ...(service !== undefined && (provider !== 'aws' || onAws) ? { service } : {}),
  };
  return externalNode('backup-target', `backup-target:${label}${s3Url !== undefined && !onAws ? ` at ${s3Url}` : ''}`, label, destination, { resource: bsl, namespace: ns, path: 'spec.objectStorage.bucket' });
}

/** `plaintext` for an `http://` URL, else `tls` (cloud APIs and https URLs). */
export function urlTransport(value: string | undefined): EdgeTransport {
  return value !== undefined && value.startsWith('http://') ? 'plaintext' : 'tls';
}
