import { s3Pack } from '../../../../lib/rules/aws';
import { describePack } from '../rule-fixtures';

describePack(s3Pack, 's3');
