import { supervisionOperation } from './supervise';

export const { description, execute } = supervisionOperation('whisper');
