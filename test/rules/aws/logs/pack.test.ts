import { logsPack } from '../../../../lib/rules/aws';
import { describePack } from '../rule-fixtures';

describePack(logsPack, 'logs');
