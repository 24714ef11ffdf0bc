import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** Runs `work` under the V8 CPU profiler of this process and writes a .cpuprofile (Chrome DevTools format). */
export async function profileInProcess<T>(file: string, work: () => Promise<T>): Promise<T> {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.start');
	try {
		return await work();
	} finally {
		const { profile } = await session.post('Profiler.stop');
		await writeFile(file, JSON.stringify(profile));
		session.disconnect();
	}
}
