import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort } from '../helpers/fake-server';
import { n8nBaseEnv, n8nCommand, n8nNodesDir } from './n8n-process';

const run = promisify(execFile);

export interface N8nRun {
	ok: boolean;
	exitCode: number;
	/** The execution as n8n printed it (IRun), when it printed one. */
	execution?: N8nExecution;
	output: string;
}

export interface N8nExecution {
	data: {
		resultData: {
			error?: { message?: string; description?: string; node?: { name?: string } };
			runData: Record<string, Array<{ data?: { main?: Array<Array<N8nItem> | null> }; error?: { message?: string } }>>;
		};
	};
	status?: string;
}

export interface N8nItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }>;
	error?: unknown;
}

/** One headless n8n: a user folder, a database and the CLI, driven like an operator would. */
export class N8nInstance {
	private constructor(
		readonly cacheDir: string,
		readonly userFolder: string,
		private readonly env: NodeJS.ProcessEnv,
	) {}

	static async create(cacheDir: string, userFolder: string): Promise<N8nInstance> {
		n8nNodesDir(userFolder);
		const env: NodeJS.ProcessEnv = {
			...n8nBaseEnv(cacheDir, userFolder),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		};
		return new N8nInstance(cacheDir, userFolder, env);
	}

	get nodesDir(): string {
		return n8nNodesDir(this.userFolder);
	}

	async cli(args: string[]): Promise<{ exitCode: number; output: string }> {
		const n8n = n8nCommand(this.cacheDir, args);
		try {
			const { stdout, stderr } = await run(n8n.command, n8n.args, { env: this.env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
			return { exitCode: 0, output: `${stdout}\n${stderr}` };
		} catch (error) {
			const failed = error as { code?: number; stdout?: string; stderr?: string };
			return { exitCode: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout ?? ''}\n${failed.stderr ?? ''}` };
		}
	}

	async importCredentials(credentials: object[]): Promise<void> {
		await this.importFile('credentials', credentials);
	}

	async importWorkflow(workflow: object): Promise<void> {
		await this.importFile('workflow', workflow);
	}

	async execute(workflowId: string): Promise<N8nRun> {
		const { exitCode, output } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return { ok: exitCode === 0, exitCode, output, execution: extractExecution(output) };
	}

	private async importFile(kind: 'credentials' | 'workflow', content: object): Promise<void> {
		const file = join(this.userFolder, `import-${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
		writeFileSync(file, JSON.stringify(content, null, 2));
		const { exitCode, output } = await this.cli([`import:${kind}`, `--input=${file}`]);
		if (exitCode !== 0) throw new Error(`n8n import:${kind} failed (exit ${exitCode}):\n${output.slice(-4000)}`);
	}
}

/** n8n prints the execution as pretty JSON between log lines: the block from a lone "{" to a lone "}". */
export function extractExecution(output: string): N8nExecution | undefined {
	const lines = output.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start].trim() !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end] !== '}') continue;
			try {
				const value = JSON.parse(lines.slice(start, end + 1).join('\n'));
				if (value && typeof value === 'object' && 'data' in value) return value as N8nExecution;
			} catch {
				break;
			}
		}
	}
	return undefined;
}

/** Items a node produced on its first output in its first run. */
export function outputOf(execution: N8nExecution | undefined, nodeName: string): N8nItem[] {
	return execution?.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
}
