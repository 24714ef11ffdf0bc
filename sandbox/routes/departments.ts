import type { ApiRoute } from '../context';
import type { User } from '../directory';
import { ok } from '../replies';
import { Validator } from '../validation';

/** Departments: a bare array; answered / missed counts come from the call records. */
export const departmentsRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/departments',
	auth: 'bearer',
	handle({ state }) {
		const { directory } = state;
		const answered = new Map<number, number>();
		const missed = new Map<number, number>();
		for (const record of state.calls.callRecords()) {
			if (record.departmentId === null) continue;
			const tally = record.wire.status === 'answered' ? answered : missed;
			tally.set(record.departmentId, (tally.get(record.departmentId) ?? 0) + 1);
		}
		return ok(
			directory.departments.map((department) => {
				const members = directory.members(department);
				return {
					id: department.id,
					name: department.name,
					description: department.description,
					ring_strategy: department.ringStrategy,
					agent_count: members.length,
					calls_answered: answered.get(department.id) ?? 0,
					calls_missed: missed.get(department.id) ?? 0,
					use_as_queue: Number(department.useAsQueue),
					queue_timeout: department.queueTimeout,
					sticky_agent: { is_enabled: Number(department.stickyAgent), duration: department.stickyAgent ? 30 : 0 },
					transcription: { is_enabled: Number(department.transcription), language: 'en-IN' },
					timeout_dest_type: department.timeoutDestType,
					timeout_destination: department.timeoutDestination,
					agents: members.map((user) => ({ id: user.id, name: user.name, eid: user.agent.id, timeout: department.agentTimeout })),
				};
			}),
		);
	},
};

const RING_STRATEGIES = ['order_by', 'round_robin', 'simultaneous', 'random'] as const;

/**
 * Creates a department. Its members come as parallel arrays: `destination` (each `extension||<agent id>`
 * or `agent||<agent id>`) and `timeout` (the seconds each one rings).
 */
export const createDepartmentRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/department',
	auth: 'bearer',
	handle({ state, body }) {
		const { directory } = state;
		const input = new Validator(body);
		const name = input.required('name');
		const description = input.optionalText('description') ?? '';
		const ringStrategy = input.optionalChoice('ring_strategy', RING_STRATEGIES) ?? 'order_by';
		const destinations = input.optionalTextList('destination') ?? [];
		const timeouts = input.optionalIntegerList('timeout', { min: 1, max: 300 }) ?? [];
		const failoverType = input.optionalText('failover_dest_type') ?? 'hangup';
		const failoverDestination = input.optionalText('timeout_destination') ?? null;
		if (name !== undefined && directory.departments.some((department) => department.name.toLowerCase() === name.toLowerCase())) {
			input.invalid('name', 'The name has already been taken.');
		}
		const members = destinations.map((destination) => {
			const match = /^(?:extension|agent)\|\|(.+)$/i.exec(destination);
			return match ? directory.agentById(match[1].trim()) : undefined;
		});
		members.forEach((member, index) => {
			if (!member) input.invalid(`destination.${index}`, `The selected destination.${index} is invalid.`);
		});
		if (timeouts.length > 0 && timeouts.length !== destinations.length)
			input.invalid('timeout', `The timeout must contain ${destinations.length} items.`);
		if (input.failed || name === undefined) return input.reply();

		const created = directory.addDepartment({
			name,
			description,
			ringStrategy,
			useAsQueue: false,
			queueTimeout: 60,
			timeoutDestType: failoverType,
			timeoutDestination: failoverDestination,
			agentTimeout: timeouts[0] ?? 30,
			stickyAgent: false,
			transcription: false,
			memberIds: members.filter((member): member is User => member !== undefined).map((member) => member.id),
		});
		return ok({ success: true, message: 'Department created successfully', department_id: created.id });
	},
};
