import type { ApiRoute } from '../context';
import type { User } from '../directory';
import { numericId, scalarParams } from '../query-params';
import { ok, type Reply } from '../replies';
import { Validator } from '../validation';

const DEFAULT_LIMIT = 20;

type UserFilter = (user: User) => boolean;

/** Users with their agents, paged by keyset: `last_seen_id` is the id of the last user already seen. */
export const usersRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/users',
	auth: 'bearer',
	handle({ state, query }) {
		const input = new Validator(scalarParams(query));
		const requestedLimit = input.optionalInteger('limit', { min: 1 }) ?? DEFAULT_LIMIT;
		const lastSeenId = input.optionalInteger('last_seen_id', { min: 0 });
		const flags: Array<[boolean | undefined, UserFilter]> = [
			[input.optionalBoolean('is_extension_created'), (user) => user.agent.extension !== null],
			[input.optionalBoolean('is_login_based_calling'), (user) => user.loginBasedCalling],
			[input.optionalBoolean('is_international_calling'), (user) => user.internationalOutbound],
			[input.optionalBoolean('is_web_login'), (user) => !user.webLoginBlocked],
		];
		const userStatus = input.optionalChoice('user_status', ['0', '1']);
		if (input.failed) return input.reply();

		const filters: UserFilter[] = flags
			.filter((entry): entry is [boolean, UserFilter] => entry[0] !== undefined)
			.map(
				([wanted, test]) =>
					(user) =>
						test(user) === wanted,
			);
		if (userStatus !== undefined) filters.push((user) => userStatusOf(user) === Number(userStatus));

		const limit = Math.min(requestedLimit, state.config.maxPageSize);
		const remaining = state.directory.users.filter(
			(user) => (lastSeenId === undefined || user.id > lastSeenId) && filters.every((filter) => filter(user)),
		);
		const page = remaining.slice(0, limit);
		return ok({
			has_more: remaining.length > limit,
			count: page.length,
			last_seen_id: page.length > 0 ? page[page.length - 1].id : null,
			data: page.map(toListedUser),
		});
	},
};

export const userRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/user/{id}',
	auth: 'bearer',
	handle({ state, params }) {
		const user = state.directory.findUser(numericId(params.id));
		if (!user) return userNotFound();
		return ok({ data: toDetailedUser(user) });
	},
};

/** The answer to a `/v1/user/{id}` path whose id is no user's. */
export function userNotFound(): Reply {
	return { status: 404, body: { success: false, message: 'User not found' } };
}

/** 1 active, 0 blocked */
function userStatusOf(user: User): number {
	return user.blocked ? 0 : 1;
}

function toListedUser(user: User) {
	return {
		id: user.id,
		name: user.name,
		agent: {
			id: user.agent.id,
			name: user.name,
			status: user.agent.status,
			follow_me_number: user.agent.followMeNumber,
		},
		login_id: user.loginId,
		is_login_based_calling_enabled: user.loginBasedCalling,
		is_international_outbound_enabled: user.internationalOutbound,
		user_role: { ...user.role },
		extension: user.agent.extension,
		user_status: userStatusOf(user),
	};
}

function toDetailedUser(user: User) {
	return {
		id: user.id,
		name: user.name,
		number: user.mobile,
		team_member: {
			designation: user.designation,
			email: user.email,
			login_id: user.loginId,
			status: userStatusOf(user),
			role: user.role.name,
			is_login_based_calling: Number(user.loginBasedCalling),
			is_web_login_block: Number(user.webLoginBlocked),
			users_for_cdr: user.role.name === 'Agent' ? 'self' : 'all',
		},
		agent: {
			id: user.agent.id,
			intercom: user.agent.intercom,
			number: user.agent.followMeNumber,
			agent_status: user.agent.status,
			extension: { username: user.agent.extension, outbound_block: Number(user.agent.outboundBlocked) },
			sticky_Agent: Number(user.agent.stickyAgent),
			time_group: null,
			failover_destination: null,
			is_international_outbound_enabled: user.internationalOutbound,
		},
	};
}
