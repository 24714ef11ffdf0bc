import nock from 'nock';

/**
 * nock patches sockets process-wide. Jest runs several test files in one worker, each with its own
 * copy of nock: a copy left active answers the next file's requests (HTTP 501). Every file that uses
 * nock activates it for itself and restores it afterwards.
 */
export function useNock(options: { disableNetConnect?: boolean } = {}): typeof nock {
	beforeAll(() => {
		if (!nock.isActive()) nock.activate();
		if (options.disableNetConnect) nock.disableNetConnect();
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => {
		nock.enableNetConnect();
		nock.restore();
	});
	return nock;
}
