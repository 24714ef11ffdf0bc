import type { ApiRoute } from '../context';
import { ok } from '../replies';

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
