import type { IDataObject } from 'n8n-workflow';

import type { SandboxHandle } from '../../sandbox/index';

/** Reads the sandbox directly, with a token of its own, to find IDs the node's parameters need. */
export async function sandboxGet(sandbox: SandboxHandle, path: string): Promise<unknown> {
	const response = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: `Bearer ${sandbox.issueToken()}` } });
	return await response.json();
}

export async function firstUser(sandbox: SandboxHandle): Promise<{ userId: number; agentId: string }> {
	const body = (await sandboxGet(sandbox, '/v1/users?limit=1')) as { data: Array<{ id: number; agent: { id: string } }> };
	return { userId: body.data[0].id, agentId: body.data[0].agent.id };
}

/** Places a click-to-call directly and returns its live `call_id`. */
export async function placeLiveCall(sandbox: SandboxHandle, agentId: string): Promise<string> {
	const response = await fetch(`${sandbox.url}/v1/click_to_call`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sandbox.issueToken()}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ agent_number: agentId, destination_number: '9876543210', async: 1, get_call_id: 1 }),
	});
	return ((await response.json()) as IDataObject).call_id as string;
}

/** Sends to the sandbox directly, with a token of its own, to set up what an operation works on. */
export async function sandboxSend(sandbox: SandboxHandle, method: string, path: string, body?: IDataObject): Promise<IDataObject> {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${sandbox.issueToken()}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as IDataObject;
}

let broadcasts = 0;
/** A new broadcast on the first lead list that has leads, started when asked. */
export async function newBroadcast(sandbox: SandboxHandle, { started = false } = {}): Promise<string> {
	const lists = (await sandboxGet(sandbox, '/v1/broadcast/lists')) as IDataObject[];
	const list = lists.find((entry) => (entry.lead_count as number) > 0) as IDataObject;
	const { ivrs } = (await sandboxGet(sandbox, '/v1/ivrs')) as { ivrs: IDataObject[] };
	const created = await sandboxSend(sandbox, 'POST', '/v1/broadcast', {
		name: `fixture broadcast ${++broadcasts} ${Date.now()}`,
		phone_number_list: String(list.id),
		destination: `ivr||${ivrs[0].id}`,
	});
	const id = String(created.broadcast_id);
	if (started) await sandboxGet(sandbox, `/v1/broadcast/start/${id}`);
	return id;
}

/** The n-th answered live call, round the list (seeded calls are answered within seconds and last 10–30 minutes). */
export async function answeredLiveCall(sandbox: SandboxHandle, n = 0): Promise<IDataObject> {
	const calls = ((await sandboxGet(sandbox, '/v1/live_calls')) as IDataObject[]).filter((entry) => entry.state === 'Answered');
	if (calls.length === 0) throw new Error('no answered live call in the sandbox');
	return calls[n % calls.length];
}

/**
 * A customer number with at least `atLeast` call notes, and its notes, found through the sandbox's own
 * endpoints: the customers of the newest answered call records are asked for their notes in turn.
 */
export async function customerWithNotes(sandbox: SandboxHandle, atLeast: number): Promise<{ number: string; count: number }> {
	const records = (await sandboxGet(sandbox, '/v1/call/records?call_type=c&limit=100')) as { results: Array<{ client_number: string }> };
	for (const number of new Set(records.results.map((record) => record.client_number))) {
		const notes = (await sandboxGet(sandbox, `/v1/call/notes/${encodeURIComponent(number)}?limit=1`)) as { count: number };
		if (notes.count >= atLeast) return { number, count: notes.count };
	}
	throw new Error(`no customer of the newest answered calls has ${atLeast} notes`);
}
