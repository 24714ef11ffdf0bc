import type { SandboxHandle, SandboxStats } from '../../sandbox/index';
import type { N8nInstance, N8nRun } from './n8n';

/**
 * Workflows run with `n8n execute`, each on freshly reset sandbox counters, so that a run's counters
 * are what that run alone sent to Smartflo. The counters named in `reported` go into the report.
 */
export class CountedRuns {
	private readonly runs: Array<{ workflow: string; counters: Partial<SandboxStats> }> = [];

	constructor(
		private readonly n8n: N8nInstance,
		private readonly sandbox: SandboxHandle,
		private readonly reported: ReadonlyArray<keyof SandboxStats>,
	) {}

	async execute(label: string, workflowId: string): Promise<{ run: N8nRun; counters: SandboxStats }> {
		this.sandbox.resetStats();
		const run = await this.n8n.execute(workflowId);
		const counters = this.sandbox.stats();
		this.runs.push({ workflow: label, counters: Object.fromEntries(this.reported.map((name) => [name, counters[name]])) });
		return { run, counters };
	}

	/** The reported counters of every run so far, one line per run. */
	get report(): string {
		return `Sandbox counters per workflow:\n${this.runs.map(({ workflow, counters }) => `  ${workflow}: ${JSON.stringify(counters)}`).join('\n')}`;
	}
}
