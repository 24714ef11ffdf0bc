import type { IDataObject } from 'n8n-workflow';

import type { SandboxHandle } from '../../src/sandbox';

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
