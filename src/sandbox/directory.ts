import { isSameNumber } from './phone';

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
}

/** The account's users, agents, numbers and departments, with the lookups the endpoints need. */
export class Directory {
	readonly accountId: number;
	/** Sorted by id, which the users endpoint's keyset cursor relies on. */
	readonly users: readonly User[];
	readonly dids: readonly Did[];
	readonly departments: readonly Department[];
	private readonly supportKeys: Map<string, SupportKey>;

	constructor(data: DirectoryData) {
		this.accountId = data.accountId;
		this.users = [...data.users].sort((a, b) => a.id - b.id);
		this.dids = data.dids;
		this.departments = data.departments;
		this.supportKeys = new Map(data.supportKeys.map((entry) => [entry.key, entry]));
	}

	/** Smartflo resolves `agent_number` as the agent id, its intercom / extension, or its follow-me number. */
	findAgent(agentNumber: string): User | undefined {
		const wanted = agentNumber.trim();
		return (
			this.users.find(({ agent }) => agent.id === wanted || agent.intercom === wanted || agent.extension === wanted) ??
			this.users.find(({ agent }) => isSameNumber(agent.followMeNumber, wanted))
		);
	}

	findUser(id: number): User | undefined {
		return this.users.find((user) => user.id === id);
	}

	findDid(number: string): Did | undefined {
		return this.dids.find((entry) => isSameNumber(entry.did, number));
	}

	didById(id: number): Did {
		return this.dids.find((entry) => entry.id === id) ?? this.pilotNumber();
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
