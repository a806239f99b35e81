import { firehosePack } from '../../../../lib/rules/aws';
import { describePack } from '../rule-fixtures';

describePack(firehosePack, 'firehose');
