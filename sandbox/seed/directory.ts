import type { AutoAttendant, Department, Did, DirectoryData, Ivr, SupportKey, TimeGroup, User } from '../directory';
import type { SeededRandom } from '../random';
import { AUTO_ATTENDANTS, DEPARTMENTS, DESIGNATIONS, DIDS, FIRST_NAMES, IVRS, LAST_NAMES, ROLES, TIME_GROUPS } from './vocabulary';

const ACCOUNT_ID = 60123;
const FIRST_USER_ID = 62501;
const FIRST_DID_ID = 3101;
const FIRST_DEPARTMENT_ID = 4201;
const AGENT_ID_PREFIX = '050284237';
const FIRST_INTERCOM = 1001;
const EMAIL_DOMAIN = 'sandboxretail.test';
const FIRST_IVR_ID = 301;
const FIRST_AUTO_ATTENDANT_ID = 601;
const FIRST_TIME_GROUP_ID = 801;

export function seedDirectory(random: SeededRandom, userCount: number, supportApiKeys: readonly string[]): DirectoryData {
	const departments = seedDepartments(random);
	const users = seedUsers(random, userCount, departments);
	const dids = seedDids(random, departments);
	const supportKeys: SupportKey[] = supportApiKeys.map((key, index) => ({
		key,
		didId: dids[index % dids.length].id,
		departmentId: departments[index % departments.length].id,
	}));
	return {
		accountId: ACCOUNT_ID,
		users,
		dids,
		departments,
		supportKeys,
		ivrs: seedIvrs(departments),
		autoAttendants: seedAutoAttendants(departments),
		timeGroups: TIME_GROUPS.map((template, index): TimeGroup => ({
			id: FIRST_TIME_GROUP_ID + index,
			...template,
			days: [...template.days],
		})),
		roles: Object.values(ROLES).map((role) => ({ ...role })),
	};
}

/** Fixed routing (no random draws, so the seeded users and numbers stay as they were). */
function seedIvrs(departments: Department[]): Ivr[] {
	return IVRS.map((template, index) => ({
		id: FIRST_IVR_ID + index,
		...template,
		recordingId: 28_935 + index,
		timeoutSeconds: 10,
		menu: departments.slice(0, 3 - index).map((department, option) => ({
			option: String(option + 1),
			destinationType: 'department',
			destinationId: String(department.id),
		})),
	}));
}

function seedAutoAttendants(departments: Department[]): AutoAttendant[] {
	return AUTO_ATTENDANTS.map((template, index) => ({
		id: FIRST_AUTO_ATTENDANT_ID + index,
		...template,
		destinationType: index === 0 ? 'department' : 'hangup',
		destinationId: index === 0 ? String(departments[0].id) : '1',
	}));
}

function seedDepartments(random: SeededRandom): Department[] {
	return DEPARTMENTS.map((template, index) => ({
		id: FIRST_DEPARTMENT_ID + index,
		name: template.name,
		description: template.description,
		ringStrategy: template.ringStrategy,
		useAsQueue: index % 2 === 1,
		queueTimeout: random.pick([60, 120, 180]),
		timeoutDestType: random.pick(['voicemail', 'hangup', 'ivr']),
		timeoutDestination: null,
		agentTimeout: random.pick([20, 30, 45]),
		stickyAgent: index === 0,
		transcription: index === 1,
		memberIds: [],
	}));
}

function seedUsers(random: SeededRandom, count: number, departments: Department[]): User[] {
	const users: User[] = [];
	const takenNames = new Set<string>();
	const takenMobiles = new Set<string>();
	let id = FIRST_USER_ID;
	let agentSerial = 97;
	for (let index = 0; index < count; index++) {
		const name = uniqueName(random, takenNames);
		const mobile = `+91${unique(() => random.mobile(), takenMobiles)}`;
		const intercom = String(FIRST_INTERCOM + index);
		const department = departments[index % departments.length];
		const handle = name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
		const user: User = {
			id,
			name,
			email: `${handle}@${EMAIL_DOMAIN}`,
			loginId: handle,
			mobile,
			designation: index === 0 ? 'Contact Centre Head' : random.pick(DESIGNATIONS),
			role:
				index === 0
					? ROLES.admin
					: random.weighted<User['role']>([
							[ROLES.agent, 7],
							[ROLES.supervisor, 2],
							[ROLES.manager, 1],
						]),
			blocked: index > 0 && random.chance(0.08),
			loginBasedCalling: random.chance(0.4),
			internationalOutbound: random.chance(0.15),
			webLoginBlocked: random.chance(0.1),
			departmentId: department.id,
			agent: {
				id: AGENT_ID_PREFIX + String(agentSerial).padStart(4, '0'),
				status:
					index === 0
						? 0
						: random.weighted([
								[0, 16],
								[3, 2],
								[1, 1],
								[2, 1],
							]),
				followMeNumber: mobile,
				intercom,
				extension: random.chance(0.8) ? intercom : null,
				outboundBlocked: random.chance(0.05),
				stickyAgent: random.chance(0.2),
			},
		};
		department.memberIds.push(user.id);
		users.push(user);
		id += random.int(1, 9);
		agentSerial += random.int(1, 40);
	}
	return users;
}

function seedDids(random: SeededRandom, departments: Department[]): Did[] {
	const taken = new Set<string>();
	return DIDS.map((template, index) => ({
		id: FIRST_DID_ID + index,
		did: `918069${unique(() => random.digits(6), taken)}`,
		alias: template.alias,
		name: template.name,
		destination: index === 0 ? null : `department||${departments[(index - 1) % departments.length].id}`,
		description: template.description,
	}));
}

function uniqueName(random: SeededRandom, taken: Set<string>): string {
	const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
	if (!taken.has(name)) {
		taken.add(name);
		return name;
	}
	// 900 combinations run out for large seeds; a numbered suffix keeps names (and login ids) unique.
	let suffix = 2;
	while (taken.has(`${name} ${suffix}`)) suffix += 1;
	taken.add(`${name} ${suffix}`);
	return `${name} ${suffix}`;
}

function unique(generate: () => string, taken: Set<string>): string {
	let value = generate();
	while (taken.has(value)) value = generate();
	taken.add(value);
	return value;
}
