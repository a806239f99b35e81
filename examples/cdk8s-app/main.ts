import { App } from 'cdk8s';
import { CLINIC_EVIDENCE, ClinicChart } from './clinic-chart';
import { HipaaValidation } from '../../lib/cdk8s';

// `npx cdk8s synth` runs this file; the synth refuses to write anything insecure. The check of the
// whole app also writes every report (HTML, JUnit, OSCAL, SARIF, ...) into dist/compliance and checks
// the flows out of the cluster against the BAA register hipaa-baa.yaml.
const app = new App();
HipaaValidation.enable(app, CLINIC_EVIDENCE);
new ClinicChart(app, 'clinic');
app.synth();
