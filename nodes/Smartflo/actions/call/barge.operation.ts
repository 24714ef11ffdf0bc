import { supervisionOperation } from './supervise';

export const { needsCredential, description, execute } = supervisionOperation('barge');
