import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const TOP_FUNCTIONS = 25;

/**
 * Stages of a request in the GraphQL server, tried in this order against every frame of a sample's
 * stack: a sample counts for the first stage any of its frames belongs to.
 */
const STAGES: [string, RegExp][] = [
	['startup (loading modules)', /modules\/cjs\/loader|compileForInternalLoader|wrapSafe/],
	['upstream call (undici transport, incl. socket writes)', /undici-transport|\/undici\//],
	['keyed digests (HMAC)', /keyed-digest/],
	['request body size limit', /request-body-limit|use-limit-request-body-size|streams\/pipeline/],
	['operation log line', /operation-log|graphql\/logging|request-records/],
	['response: serialise + socket write', /result-processor|sendNodeResponse|endResponse/],
	['request: read + parse body', /parseRequest|request-parser/],
	['GraphQL parse + validate (cached)', /use-parser-and-validation-cache|graphql\/validation|graphql\/language|graphql-armor/],
	['GraphQL execution (resolvers, auth guard)', /@graphql-tools\/executor|graphql\/execution|graphql\/schema\/|graphql\/limits/],
	['node:http server', /_http_server|_http_common|_http_outgoing/],
	['garbage collector', /\(garbage collector\)/],
];

/** Self time per function and per package for every .cpuprofile in `dir`, busiest first. */
export async function summariseProfiles(dir: string): Promise<string> {
	const files = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile')).sort();
	const parts: string[] = [];
	for (const name of files) {
		const profile = JSON.parse(await readFile(join(dir, name), 'utf8')) as CpuProfile;
		parts.push(summariseProfile(name, profile));
	}
	parts.push(`Profiles: ${dir} (open in Chrome DevTools → Performance, or speedscope).`);
	return parts.join('\n\n');
}

export function summariseProfile(name: string, profile: CpuProfile): string {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const selfMicros = new Map<number, number>();
	profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
	const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
	const idle = [...selfMicros].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
	const busy = total - idle;

	const byFunction = new Map<string, number>();
	const byPackage = new Map<string, number>();
	for (const [id, micros] of selfMicros) {
		const frame = byId.get(id)?.callFrame;
		if (!frame || frame.functionName === '(idle)') continue;
		const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
		const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
		byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
		byPackage.set(packageOf(frame.url, frame.functionName), (byPackage.get(packageOf(frame.url, frame.functionName)) ?? 0) + micros);
	}
	const share = (micros: number) => `${((micros / busy) * 100).toFixed(1).padStart(5)}%`;
	const lines = [`== ${name}: ${(busy / 1000).toFixed(0)} ms busy of ${(total / 1000).toFixed(0)} ms`, '-- time by stage (whole stack)'];
	for (const [stage, micros] of [...byStage(profile, byId)].sort((a, b) => b[1] - a[1])) lines.push(`${share(micros)}  ${stage}`);
	lines.push('-- self time by package');
	for (const [pkg, micros] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`${share(micros)}  ${pkg}`);
	lines.push('-- self time by function');
	for (const [fn, micros] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP_FUNCTIONS)) lines.push(`${share(micros)}  ${fn}`);
	return lines.join('\n');
}

function byStage(profile: CpuProfile, byId: Map<number, ProfileNode>): Map<string, number> {
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
	const frameName = (node: ProfileNode) => `${node.callFrame.functionName} ${node.callFrame.url}`;
	const totals = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const leaf = byId.get(id);
		if (!leaf || leaf.callFrame.functionName === '(idle)') return;
		const frames: string[] = [];
		for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
			const node = byId.get(current);
			if (node) frames.push(frameName(node));
		}
		const stage =
			STAGES.find(([, pattern]) => frames.some((frame) => pattern.test(frame)))?.[0] ?? 'other (yoga, envelop, whatwg-node, promises)';
		totals.set(stage, (totals.get(stage) ?? 0) + (profile.timeDeltas[i] ?? 0));
	});
	return totals;
}

function shortUrl(url: string): string {
	const modules = url.lastIndexOf('/node_modules/');
	if (modules >= 0 && !url.includes('/.cache/')) return url.slice(modules + '/node_modules/'.length);
	const build = url.indexOf('/smartflo-bench/');
	return build >= 0 ? url.slice(build + '/smartflo-bench/'.length) : url.replace(/^file:\/\//, '');
}

function packageOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	if (url.startsWith('node:')) return 'node core';
	const modules = url.lastIndexOf('/node_modules/');
	if (modules >= 0 && !url.includes('/.cache/')) {
		const rest = url.slice(modules + '/node_modules/'.length).split('/');
		return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
	}
	const build = url.indexOf('/smartflo-bench/');
	return build >= 0 ? `project ${url.slice(build + '/smartflo-bench/'.length).split('/')[0]}/` : url;
}
