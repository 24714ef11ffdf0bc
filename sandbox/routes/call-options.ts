import type { ApiRoute } from '../context';
import { ok, refused } from '../replies';
import { Validator } from '../validation';

const TYPES = { 1: 'monitor', 2: 'whisper', 3: 'barge', 4: 'transfer' } as const;
const MESSAGES = {
	monitor: 'Call monitoring started successfully',
	whisper: 'Whisper started successfully',
	barge: 'Barge started successfully',
	transfer: 'Call transferred successfully',
};

/**
 * Monitor (1), whisper (2) and barge (3) need the supervising `agent_id`; transfer (4) takes the agent by
 * `agent_id` or by `intercom` (an agent's intercom, extension or mobile). The call must be live and
 * answered; a transfer moves it to the new agent.
 */
export const callOptionsRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/call/options',
	auth: 'bearer',
	handle({ state, body }) {
		const input = new Validator(body);
		const type = input.requiredInteger('type', { min: 1, max: 4 });
		const callId = input.required('call_id');
		const agentId = input.optionalText('agent_id');
		const intercom = input.optionalText('intercom');
		if (type !== undefined && type < 4 && agentId === undefined)
			input.invalid('agent_id', `The agent id field is required when type is ${type}.`);
		if (type === 4 && agentId === undefined && intercom === undefined)
			input.invalid('intercom', 'The intercom field is required when agent id is not present.');
		if (input.failed || type === undefined || callId === undefined) return input.reply();

		const operation = TYPES[type as keyof typeof TYPES];
		const now = Date.now();
		const call = state.calls.liveCall(callId, now);
		if (!call) return refused('Call not found');
		if (now < call.answerAt) return refused('Call is not answered yet');
		const agent = agentId !== undefined ? state.directory.agentById(agentId) : state.directory.findAgent(intercom ?? '');
		if (!agent) return refused('Agent not found');
		if (agent === call.user) return refused(operation === 'transfer' ? 'The call is already with this agent' : 'The agent is on this call');
		if (agent.blocked || agent.agent.status === 1 || agent.agent.status === 2) return refused('Agent is blocked or disabled');
		if (operation === 'transfer') call.user = agent;
		return ok({ success: true, message: MESSAGES[operation] });
	},
};

/** Ends a live call as the dialer does, optionally starting the agent's break (a break code is then required). */
export const dialerDisconnectRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/dialer/disconnect_call',
	auth: 'bearer',
	handle({ state, body }) {
		const input = new Validator(body);
		const callId = input.required('call_id');
		const startBreak = input.optionalBoolean('start_break') ?? false;
		const breakCode = input.optionalText('break_code');
		if (startBreak && breakCode === undefined) input.invalid('break_code', 'The break code field is required when start break is true.');
		if (input.failed || callId === undefined) return input.reply();
		if (!state.calls.hangup(callId)) return refused('Call not found');
		return ok({ success: true, message: startBreak ? 'Call disconnected and break started' : 'Call disconnected successfully' });
	},
};
