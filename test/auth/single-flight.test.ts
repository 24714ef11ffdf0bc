import { SingleFlight } from '../../src/auth';

/** A promise the test settles by hand. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

describe('SingleFlight', () => {
	it('callers of one key share one execution while it runs; other keys run their own', async () => {
		const flights = new SingleFlight<string>();
		const pending = deferred<string>();
		let executions = 0;
		const execute = () => {
			executions++;
			return pending.promise;
		};
		const joined = Array.from({ length: 20 }, () => flights.run('a', execute));
		const other = flights.run('b', async () => 'b');
		expect(flights.has('a')).toBe(true);
		expect(flights.size).toBe(2);
		pending.resolve('a');
		expect(await Promise.all(joined)).toEqual(Array(20).fill('a'));
		expect(await other).toBe('b');
		expect(executions).toBe(1);
	});

	it('forgets a key once it settles: the next call executes again', async () => {
		const flights = new SingleFlight<number>();
		let executions = 0;
		expect(await flights.run('a', async () => ++executions)).toBe(1);
		expect(flights.has('a')).toBe(false);
		expect(await flights.run('a', async () => ++executions)).toBe(2);
		expect(flights.size).toBe(0);
	});

	it('hands a failure to the callers that joined it, never to a later caller', async () => {
		const flights = new SingleFlight<string>();
		const pending = deferred<string>();
		const joined = [flights.run('a', () => pending.promise), flights.run('a', () => pending.promise)];
		pending.reject(new Error('upstream down'));
		for (const result of await Promise.allSettled(joined)) expect(result).toMatchObject({ status: 'rejected' });
		await expect(flights.run('a', async () => 'recovered')).resolves.toBe('recovered');
	});

	it('turns an execution that throws before returning a promise into a rejection, and forgets it', async () => {
		const flights = new SingleFlight<string>();
		const failing = flights.run('a', () => {
			throw new Error('synchronous');
		});
		await expect(failing).rejects.toThrow('synchronous');
		expect(flights.size).toBe(0);
	});
});
