import type { ApiRoute, SandboxState } from '../context';
import type { User } from '../directory';
import { digitsOf, isSameNumber, isValidCustomerNumber } from '../phone';
import { numericId } from '../query-params';
import { ok, refused } from '../replies';
import { Validator } from '../validation';
import { userNotFound } from './users';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Smartflo's password policy: 8+ characters with an upper-case letter, a lower-case letter and a special character.
const PASSWORD_RULES = [/[A-Z]/, /[a-z]/, /[^A-Za-z0-9]/];

interface UserFields {
	name?: string;
	number?: string;
	email?: string;
	loginId?: string;
	designation?: string;
	roleId?: number;
	callerIds?: number[];
	departmentIds?: number[];
	flags: Partial<Record<'blockWebLogin' | 'loginBasedCalling' | 'internationalOutbound' | 'blockAgent' | 'disableAgent', boolean>>;
}

/** Creates a user and its agent. The agent gets the next agent id and intercom; without create_agent it is disabled. */
export const createUserRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/user',
	auth: 'bearer',
	handle({ state, body }) {
		const input = new Validator(body);
		for (const field of ['name', 'number', 'email', 'login_id', 'user_role', 'password', 'caller_id', 'create_agent', 'status'])
			input.requirePresence(field);
		const fields = readUserFields(input, state, undefined);
		const createAgent = input.optionalBoolean('create_agent');
		const active = input.optionalBoolean('status');
		input.optionalBoolean('create_web_login');
		const assignExtension = input.optionalBoolean('assign_extension') ?? false;
		input.optionalInteger('route_call_through', { min: 0, max: 2 });
		const timeGroup = input.optionalInteger('time_group', { min: 1 });
		if (timeGroup !== undefined && !state.directory.timeGroups.some((group) => group.id === timeGroup))
			input.invalid('time_group', 'The selected time group is invalid.');
		if (input.failed || !fields.name || !fields.number || !fields.email || !fields.loginId || fields.roleId === undefined)
			return input.reply();
		if (state.directory.users.some((user) => isSameNumber(user.mobile, fields.number as string)))
			return refused('Number is already assigned to another user');

		const { directory } = state;
		const role = directory.roles.find((entry) => entry.id === fields.roleId) ?? directory.roles[0];
		const intercom = String(Math.max(1000, ...directory.users.map((user) => Number(user.agent.intercom))) + 1);
		const mobile = `+91${digitsOf(fields.number).slice(-10)}`;
		const departmentIds = fields.departmentIds ?? [];
		const user = directory.addUser({
			name: fields.name,
			email: fields.email,
			loginId: fields.loginId,
			mobile,
			designation: fields.designation ?? '',
			role: { ...role },
			blocked: active === false,
			loginBasedCalling: fields.flags.loginBasedCalling ?? false,
			internationalOutbound: false,
			webLoginBlocked: fields.flags.blockWebLogin ?? false,
			departmentId: departmentIds[0] ?? 0,
			callerIdIds: fields.callerIds ?? [],
			agent: {
				id: directory.nextAgentId(),
				status: createAgent === false ? 2 : active === false ? 1 : 0,
				followMeNumber: mobile,
				intercom,
				extension: assignExtension ? intercom : null,
				outboundBlocked: false,
				stickyAgent: false,
			},
		});
		for (const id of departmentIds.slice(1)) directory.department(id)?.memberIds.push(user.id);
		return ok({ success: true, message: 'User created successfully', user_id: user.id, agent_id: user.agent.id });
	},
};

/** Changes a user in place; `block_agent` blocks (true) or unblocks (false) the user and its agent. */
export const updateUserRoute: ApiRoute = {
	method: 'PATCH',
	path: '/v1/user/{id}',
	auth: 'bearer',
	handle({ state, params, body }) {
		const user = state.directory.findUser(numericId(params.id));
		if (!user) return userNotFound();
		const input = new Validator(body);
		const fields = readUserFields(input, state, user);
		if (input.failed) return input.reply();
		if (
			fields.number !== undefined &&
			state.directory.users.some((other) => other !== user && isSameNumber(other.mobile, fields.number as string))
		) {
			return refused('Number is already assigned to another user');
		}

		if (fields.name !== undefined) user.name = fields.name;
		if (fields.number !== undefined) user.mobile = user.agent.followMeNumber = `+91${digitsOf(fields.number).slice(-10)}`;
		if (fields.email !== undefined) user.email = fields.email;
		if (fields.loginId !== undefined) user.loginId = fields.loginId;
		if (fields.designation !== undefined) user.designation = fields.designation;
		if (fields.roleId !== undefined) user.role = { ...(state.directory.roles.find((role) => role.id === fields.roleId) ?? user.role) };
		if (fields.callerIds !== undefined) user.callerIdIds = fields.callerIds;
		const { flags } = fields;
		if (flags.blockWebLogin !== undefined) user.webLoginBlocked = flags.blockWebLogin;
		if (flags.loginBasedCalling !== undefined) user.loginBasedCalling = flags.loginBasedCalling;
		if (flags.internationalOutbound !== undefined) user.internationalOutbound = flags.internationalOutbound;
		if (flags.blockAgent !== undefined) {
			user.blocked = flags.blockAgent;
			if (flags.blockAgent) user.agent.status = 1;
			else if (user.agent.status === 1) user.agent.status = 0;
		}
		if (flags.disableAgent !== undefined) {
			if (flags.disableAgent) user.agent.status = 2;
			else if (user.agent.status === 2) user.agent.status = user.blocked ? 1 : 0;
		}
		return ok({ success: true, message: 'User updated successfully' });
	},
};

/** The fields create and update share, validated; `self` is the user being updated (for uniqueness). */
function readUserFields(input: Validator, state: SandboxState, self: User | undefined): UserFields {
	const { directory } = state;
	const others = directory.users.filter((user) => user !== self);
	const fields: UserFields = {
		name: input.optionalText('name'),
		number: input.optionalText('number'),
		email: input.optionalText('email'),
		loginId: input.optionalText('login_id'),
		designation: input.optionalText('designation'),
		roleId: input.optionalInteger('user_role', { min: 1 }),
		callerIds: input.optionalIntegerList('caller_id', { min: 1, max: Number.MAX_SAFE_INTEGER }),
		departmentIds: input.optionalIntegerList('department', { min: 1, max: Number.MAX_SAFE_INTEGER }),
		flags: {
			blockWebLogin: input.optionalBoolean('block_web_login'),
			loginBasedCalling: input.optionalBoolean('login_based_calling'),
			internationalOutbound: input.optionalBoolean('international_outbound'),
			blockAgent: input.optionalBoolean('block_agent'),
			disableAgent: input.optionalBoolean('disable_agent'),
		},
	};
	input.optionalIntegerList('agent_group', { min: 1, max: Number.MAX_SAFE_INTEGER });
	const password = input.optionalText('password');
	if (fields.number !== undefined && !isValidCustomerNumber(fields.number)) input.invalid('number', 'The number format is invalid.');
	if (fields.email !== undefined && !EMAIL.test(fields.email)) input.invalid('email', 'The email must be a valid email address.');
	if (fields.email !== undefined && others.some((user) => user.email.toLowerCase() === fields.email?.toLowerCase()))
		input.invalid('email', 'The email has already been taken.');
	if (fields.loginId !== undefined && others.some((user) => user.loginId === fields.loginId))
		input.invalid('login_id', 'The login id has already been taken.');
	if (fields.roleId !== undefined && !directory.roles.some((role) => role.id === fields.roleId))
		input.invalid('user_role', 'The selected user role is invalid.');
	if (fields.callerIds?.some((id) => !directory.didByIdOrUndefined(id))) input.invalid('caller_id', 'The selected caller id is invalid.');
	if (fields.departmentIds?.some((id) => !directory.department(id))) input.invalid('department', 'The selected department is invalid.');
	if (password !== undefined) {
		if (password.length < 8) input.invalid('password', 'The password must be at least 8 characters.');
		else if (!PASSWORD_RULES.every((rule) => rule.test(password))) input.invalid('password', 'The password format is invalid.');
	}
	return fields;
}
