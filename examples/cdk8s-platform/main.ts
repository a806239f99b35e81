import { App } from 'cdk8s';
import { PlatformChart } from './platform-chart';

// `npx cdk8s synth` runs this file: the manifests go to dist/, and the audit Policy next to them
// (dist/audit-policy.yaml), which the API server reads with --audit-policy-file and hipaa-check checks.
const app = new App();
const platform = new PlatformChart(app, 'platform');
app.synth();
platform.audit.writePolicyFile();
