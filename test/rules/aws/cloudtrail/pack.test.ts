import { cloudtrailPack } from '../../../../lib/rules/aws';
import { describePack } from '../rule-fixtures';

describePack(cloudtrailPack, 'cloudtrail');
