import { App } from 'cdk8s';
import { ClinicChart } from './clinic-chart';

// `npx cdk8s synth` runs this file; the synth refuses to write anything insecure.
const app = new App();
new ClinicChart(app, 'clinic');
app.synth();
