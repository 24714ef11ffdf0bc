import { CallbackBook } from '../callbacks';
import type { CallRecord } from '../call-record';
import type { LiveCall } from '../calls';
import { Campaigns } from '../campaigns';
import { DEFAULT_SEED_SIZES } from '../defaults';
import { Dialer } from '../dialer';
import { Directory } from '../directory';
import { SeededRandom } from '../random';
import type { SandboxSeedOptions } from '../types';
import { seedCallbacks } from './callbacks';
import { seedCallRecords } from './call-records';
import { seedCampaigns } from './campaigns';
import { seedDialer } from './dialer';
import { seedDirectory } from './directory';
import { seedLiveCalls } from './live-calls';

export interface SeedData {
	directory: Directory;
	callRecords: CallRecord[];
	liveCalls: LiveCall[];
	campaigns: Campaigns;
	callbacks: CallbackBook;
	dialer: Dialer;
}

/**
 * The account's deterministic data. Each data set draws from its own PRNG stream, so changing one size
 * leaves the others as they were; call times are relative to `seed.endDate` (default: `nowMs`).
 */
export function buildSeedData(seed: SandboxSeedOptions, supportApiKeys: readonly string[], nowMs: number): SeedData {
	const users = requireCount(seed.users ?? DEFAULT_SEED_SIZES.users, 'seed.users', 1);
	const callRecords = requireCount(seed.callRecords ?? DEFAULT_SEED_SIZES.callRecords, 'seed.callRecords', 0);
	const liveCalls = requireCount(seed.liveCalls ?? DEFAULT_SEED_SIZES.liveCalls, 'seed.liveCalls', 0);
	const endMs = seed.endDate === undefined ? nowMs : new Date(seed.endDate).getTime();
	if (!Number.isFinite(endMs)) throw new TypeError('seed.endDate must be a valid date');

	const directory = new Directory(seedDirectory(new SeededRandom('smartflo-directory'), users, supportApiKeys));
	const campaigns = new Campaigns(
		seedCampaigns(new SeededRandom('smartflo-campaigns'), directory, nowMs),
		new SeededRandom('smartflo-campaigns-runtime'),
	);
	const broadcastNames = campaigns.broadcasts().map((broadcast) => broadcast.name);
	const records = seedCallRecords(new SeededRandom('smartflo-call-records'), directory, callRecords, endMs, broadcastNames);
	return {
		directory,
		callRecords: records,
		liveCalls: seedLiveCalls(new SeededRandom('smartflo-live-calls'), directory, liveCalls, nowMs),
		campaigns,
		callbacks: new CallbackBook(seedCallbacks(new SeededRandom('smartflo-callbacks'), directory, nowMs)),
		dialer: new Dialer(seedDialer(new SeededRandom('smartflo-dialer'), directory, campaigns, records, nowMs)),
	};
}

function requireCount(value: number, name: string, min: number): number {
	if (!Number.isInteger(value) || value < min) throw new TypeError(`${name} must be an integer of at least ${min}`);
	return value;
}
