import { isSameNumber } from './phone';
import { numericId } from './query-params';

export interface Agent {
	/** 13-digit id such as '0502842370097': what click-to-call and call options want. */
	id: string;
	/** 0 enabled, 1 blocked, 2 disabled, 3 busy */
	status: number;
	followMeNumber: string;
	intercom: string;
	/** Extension username, null when no extension was created. */
	extension: string | null;
	outboundBlocked: boolean;
	stickyAgent: boolean;
}

export interface User {
	id: number;
	name: string;
	email: string;
	loginId: string;
	mobile: string;
	designation: string;
	role: { id: number; name: string };
	blocked: boolean;
	loginBasedCalling: boolean;
	internationalOutbound: boolean;
	webLoginBlocked: boolean;
	departmentId: number;
	/** IDs of the numbers (DIDs) the user may show as caller ID, as set through the API. */
	callerIdIds?: number[];
	agent: Agent;
}

export interface Did {
	id: number;
	/** e.g. '918069123456' */
	did: string;
	alias: string;
	name: string;
	destination: string | null;
	description: string;
}

export interface Department {
	id: number;
	name: string;
	description: string;
	ringStrategy: string;
	useAsQueue: boolean;
	queueTimeout: number;
	timeoutDestType: string;
	timeoutDestination: string | null;
	agentTimeout: number;
	stickyAgent: boolean;
	transcription: boolean;
	memberIds: number[];
}

export interface IvrMenuOption {
	option: string;
	destinationType: string;
	destinationId: string;
}

export interface Ivr {
	id: number;
	name: string;
	description: string;
	recordingId: number;
	timeoutSeconds: number;
	menu: IvrMenuOption[];
}

/** A destination that plays a greeting and forwards the call (`auto_attend||<id>`). */
export interface AutoAttendant {
	id: number;
	name: string;
	description: string;
	destinationType: string;
	destinationId: string;
}

/** Working hours, for broadcasts and agents. */
export interface TimeGroup {
	id: number;
	name: string;
	days: string[];
	fromTime: string;
	toTime: string;
}

export interface Role {
	id: number;
	name: string;
}

/** A click_to_call_support key and what it is bound to in the portal. */
export interface SupportKey {
	key: string;
	didId: number;
	departmentId: number;
}

export interface DirectoryData {
	accountId: number;
	users: User[];
	dids: Did[];
	departments: Department[];
	supportKeys: SupportKey[];
	ivrs: Ivr[];
	autoAttendants: AutoAttendant[];
	timeGroups: TimeGroup[];
	roles: Role[];
}

/**
 * The account's users, agents, numbers, departments and call routing, with the lookups the endpoints
 * need. Users and departments can be added, numbers re-routed, users changed in place.
 */
export class Directory {
	readonly accountId: number;
	private readonly userList: User[];
	private readonly departmentList: Department[];
	readonly dids: readonly Did[];
	readonly ivrs: readonly Ivr[];
	readonly autoAttendants: readonly AutoAttendant[];
	readonly timeGroups: readonly TimeGroup[];
	readonly roles: readonly Role[];
	private readonly supportKeys: Map<string, SupportKey>;

	constructor(data: DirectoryData) {
		this.accountId = data.accountId;
		this.userList = [...data.users].sort((a, b) => a.id - b.id);
		this.dids = data.dids;
		this.departmentList = [...data.departments];
		this.ivrs = data.ivrs;
		this.autoAttendants = data.autoAttendants;
		this.timeGroups = data.timeGroups;
		this.roles = data.roles;
		this.supportKeys = new Map(data.supportKeys.map((entry) => [entry.key, entry]));
	}

	/** Sorted by id, which the users endpoint's keyset cursor relies on. */
	get users(): readonly User[] {
		return this.userList;
	}

	get departments(): readonly Department[] {
		return this.departmentList;
	}

	/** Adds a user with the next free user id (ids only grow, so the list stays sorted). */
	addUser(user: Omit<User, 'id'>): User {
		const created: User = { ...user, id: Math.max(0, ...this.userList.map((entry) => entry.id)) + 1 };
		this.userList.push(created);
		this.department(created.departmentId)?.memberIds.push(created.id);
		return created;
	}

	addDepartment(department: Omit<Department, 'id'>): Department {
		const created: Department = { ...department, id: Math.max(0, ...this.departmentList.map((entry) => entry.id)) + 1 };
		this.departmentList.push(created);
		return created;
	}

	/** The next agent id, in the account's 13-digit series. */
	nextAgentId(): string {
		const highest = Math.max(...this.userList.map((user) => Number(user.agent.id)));
		return String(highest + 1).padStart(13, '0');
	}

	didByIdOrUndefined(id: number): Did | undefined {
		return this.dids.find((entry) => entry.id === id);
	}

	/** What a `type||id` destination points to, or undefined when nothing in the account has that id. */
	resolveDestination(type: string, target: string): { type: string; target: string; name: string } | undefined {
		const id = numericId(target);
		const named = (name: string | undefined) => (name === undefined ? undefined : { type, target, name });
		switch (type) {
			case 'agent':
				return named(this.agentById(target)?.name);
			case 'ivr':
				return named(this.ivrs.find((entry) => entry.id === id)?.name);
			case 'department':
				return named(this.department(id)?.name);
			case 'auto_attend':
				return named(this.autoAttendants.find((entry) => entry.id === id)?.name);
			case 'time_condition':
			case 'api_dialplan':
				return Number.isInteger(id) ? { type, target, name: `${type} ${id}` } : undefined;
			case 'custom_dialplan':
				return target === '' ? undefined : { type, target, name: target };
			case 'hangup':
				return target === '1' ? { type, target, name: 'Hang up' } : undefined;
			default:
				return undefined;
		}
	}

	/** Smartflo resolves `agent_number` as the agent id, its intercom / extension, or its follow-me number. */
	findAgent(agentNumber: string): User | undefined {
		const wanted = agentNumber.trim();
		return (
			this.users.find(({ agent }) => agent.id === wanted || agent.intercom === wanted || agent.extension === wanted) ??
			this.users.find(({ agent }) => isSameNumber(agent.followMeNumber, wanted))
		);
	}

	/** The user whose agent has exactly this id (findAgent also takes intercoms and numbers). */
	agentById(agentId: string): User | undefined {
		return this.users.find((user) => user.agent.id === agentId);
	}

	findUser(id: number): User | undefined {
		return this.users.find((user) => user.id === id);
	}

	findDid(number: string): Did | undefined {
		return this.dids.find((entry) => isSameNumber(entry.did, number));
	}

	didById(id: number): Did {
		return this.didByIdOrUndefined(id) ?? this.pilotNumber();
	}

	/** The account's default caller id when none is given. */
	pilotNumber(): Did {
		return this.dids[0];
	}

	department(id: number): Department | undefined {
		return this.departments.find((entry) => entry.id === id);
	}

	members(department: Department): User[] {
		return department.memberIds.map((id) => this.findUser(id)).filter((user): user is User => user !== undefined);
	}

	supportKey(key: string): SupportKey | undefined {
		return this.supportKeys.get(key);
	}
}
