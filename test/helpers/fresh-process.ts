import { processRenewals } from '../../src/n8n/shared-renewal';

// Each test runs as in a fresh n8n process: no renewal shared from the test before.
beforeEach(() => processRenewals.clear());
