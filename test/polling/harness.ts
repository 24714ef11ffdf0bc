import type { IDataObject, IHttpRequestOptions, INode, IPollFunctions, WorkflowExecuteMode } from 'n8n-workflow';

import { SmartfloCallRecordTrigger } from '../../nodes/Smartflo/SmartfloCallRecordTrigger.node';
import type { SandboxHandle } from '../../sandbox/index';
import type { CredentialStore } from '../helpers/n8n-credentials';
import { createExecuteContext, nodeParameter } from '../helpers/n8n-execute';

export const pollingTrigger = new SmartfloCallRecordTrigger();

export interface PollerOptions {
	store: CredentialStore;
	/** The node's parameters as a user set them. */
	parameters?: IDataObject;
	/** The node's workflow static data; pass one to carry it over to another poller (as after a restart). */
	staticData?: IDataObject;
	/** Replaces n8n's plain request helper, e.g. to fail requests. */
	httpRequest?: (options: IHttpRequestOptions) => Promise<unknown>;
}

export interface PollOutcome {
	/** What poll() returned: null when it emitted nothing. */
	returned: ReturnType<SmartfloCallRecordTrigger['poll']> extends Promise<infer T> ? T : never;
	/** The records it emitted (empty when it returned null). */
	records: IDataObject[];
}

/**
 * One Smartflo Call Record Trigger as n8n runs it: the same node and static data on every poll, poll()
 * called with IPollFunctions (getNodeParameter without an item index, getMode, the node's static data)
 * and n8n 2.41's request helpers on the credential store (test/helpers/n8n-credentials.ts).
 */
export class Poller {
	readonly staticData: IDataObject;
	/** The records of every poll so far, in order. */
	readonly emitted: IDataObject[] = [];
	polls = 0;

	constructor(private readonly options: PollerOptions) {
		this.staticData = options.staticData ?? {};
	}

	/** One scheduled poll (mode `trigger`). */
	async poll(): Promise<PollOutcome> {
		const outcome = await this.run('trigger');
		this.polls += 1;
		this.emitted.push(...outcome.records);
		return outcome;
	}

	/** What the editor's "Fetch Test Event" runs (mode `manual`). */
	async test(): Promise<PollOutcome> {
		return await this.run('manual');
	}

	/** The error poll() throws, or fails the test if it succeeds. */
	async pollError(mode: WorkflowExecuteMode = 'trigger'): Promise<Error & { description?: string; httpCode?: string }> {
		return await this.run(mode).then(
			() => {
				throw new Error('The poll succeeded');
			},
			(error: Error) => error,
		);
	}

	private async run(mode: WorkflowExecuteMode): Promise<PollOutcome> {
		const parameters = this.options.parameters ?? {};
		const { context: executeContext } = createExecuteContext({
			description: pollingTrigger.description,
			store: this.options.store,
			parameters,
			httpRequest: this.options.httpRequest,
		});
		const node: INode = {
			...executeContext.getNode(),
			name: 'Smartflo Call Record Trigger',
			type: 'n8n-nodes-smartflo.smartfloCallRecordTrigger',
		};
		const context = {
			getNode: () => node,
			getMode: () => mode,
			getActivationMode: () => 'activate',
			getNodeParameter: (name: string, fallbackValue?: unknown) =>
				nodeParameter(pollingTrigger.description.properties, parameters, name, fallbackValue),
			getWorkflowStaticData: (type: string) => {
				if (type !== 'node') throw new Error(`The trigger asked for ${type} static data`);
				return this.staticData;
			},
			getCredentials: executeContext.getCredentials,
			helpers: executeContext.helpers,
		};
		const returned = await pollingTrigger.poll.call(context as unknown as IPollFunctions);
		return { returned, records: (returned?.[0] ?? []).map((item) => item.json) };
	}
}

/** The `call_id`s of records, in order. */
export const callIds = (records: IDataObject[]) => records.map((record) => record.call_id);

/** How many requests the sandbox has had for call records since its counters were reset. */
export const recordRequests = (sandbox: SandboxHandle) => sandbox.stats().byPath['GET /v1/call/records'] ?? 0;

/**
 * Polls until a whole round emits nothing: a round is a poll that looks for new records and the polls
 * that read the backlog it leaves (when its window holds more than Max Records per Poll). `poll` runs one
 * poll and says how many records it emitted. Returns the number of polls.
 */
export async function drain(
	trigger: Poller,
	poll: () => Promise<number> = async () => (await trigger.poll()).records.length,
	maxPolls = 500,
): Promise<number> {
	let round: { emitted: number } | undefined;
	for (let polls = 1; polls <= maxPolls; polls++) {
		if (trigger.staticData.backlog === undefined) round = { emitted: 0 };
		const emitted = await poll();
		if (round === undefined) continue;
		round.emitted += emitted;
		if (trigger.staticData.backlog === undefined && round.emitted === 0) return polls;
	}
	throw new Error(`still emitting after ${maxPolls} polls`);
}
