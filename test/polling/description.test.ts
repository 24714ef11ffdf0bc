import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { description as getManyDescription } from '../../nodes/Smartflo/actions/callRecord/getMany.operation';
import { dropdownsOnly } from '../../nodes/Smartflo/actions/common/pickers';
import { loadOptions } from '../../nodes/Smartflo/methods';
import { pollingTrigger } from './harness';

const { description } = pollingTrigger;
const repo = join(__dirname, '../..');
const property = (name: string) => description.properties.find((entry) => entry.name === name) as INodeProperties;
const optionsOf = (entry: INodeProperties) => entry.options as INodeProperties[];

describe('Smartflo Call Record Trigger: what the node shows', () => {
	it('is a polling trigger with the Smartflo credential, no inputs, themed icons and no tool use', () => {
		expect(description).toMatchObject({
			name: 'smartfloCallRecordTrigger',
			displayName: 'Smartflo Call Record Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			icon: { light: 'file:smartflo.svg', dark: 'file:smartflo.dark.svg' },
		});
		expect(description.credentials).toEqual([{ name: 'smartfloApi', required: true }]);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.webhooks).toBeUndefined();
		expect(typeof pollingTrigger.poll).toBe('function');
	});

	it('offers the four events, New Call Record by default', () => {
		const event = property('event');
		expect(event).toMatchObject({ type: 'options', default: 'newCallRecord', noDataExpression: true });
		expect((event.options as INodePropertyOptions[]).map((option) => [option.name, option.value])).toEqual([
			['New Answered Call', 'newAnsweredCall'],
			['New Call Record', 'newCallRecord'],
			['New Missed Call', 'newMissedCall'],
			['New Recording', 'newRecording'],
		]);
	});

	it('has the filters of Call Record → Get Many (the same definitions), without Call Type, and their pickers', () => {
		const getManyFilters = optionsOf(getManyDescription.find((entry) => entry.name === 'filters') as INodeProperties);
		const filters = optionsOf(property('filters'));
		// Call Record → Get Many version 2 picks the DID with a resource locator; the trigger has its version 1 dropdown.
		expect(filters).toEqual(dropdownsOnly(getManyFilters).filter((filter) => filter.name !== 'callType'));
		expect(filters.map((filter) => filter.name)).toEqual([
			'agents',
			'broadcast',
			'callerNumber',
			'departments',
			'destination',
			'didNumber',
			'direction',
			'duration',
			'ivrs',
			'services',
		]);
		for (const filter of filters) {
			const method = filter.typeOptions?.loadOptionsMethod;
			if (method) expect(pollingTrigger.methods.loadOptions).toHaveProperty(method, loadOptions[method as keyof typeof loadOptions]);
		}
	});

	it('documents its options with their defaults: a 60-minute late-records window, 1,000 records per poll, the time zone', () => {
		const options = optionsOf(property('options'));
		expect(options.map((option) => [option.name, option.default])).toEqual([
			['lateRecordsMinutes', 60],
			['maxRecordsPerPoll', 1000],
			['timeZone', 'Asia/Kolkata'],
		]);
		expect(options[0].typeOptions).toEqual({ minValue: 1, maxValue: 1440 });
		expect(options[1].typeOptions).toEqual({ minValue: 1, maxValue: 5000 });
		for (const option of options) expect(option.description).toBeTruthy();
	});

	it('is registered: package.json’s n8n section, the build, the package entry and a codex file', () => {
		const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
		expect(manifest.n8n.nodes).toContain('dist/nodes/Smartflo/SmartfloCallRecordTrigger.node.js');
		const build = JSON.parse(readFileSync(join(repo, 'tsconfig.build.json'), 'utf8').replace(/^\/\/.*$/gm, ''));
		expect(build.files).toContain('nodes/Smartflo/SmartfloCallRecordTrigger.node.ts');
		expect(readFileSync(join(repo, 'index.ts'), 'utf8')).toContain('SmartfloCallRecordTrigger');
		const codex = JSON.parse(readFileSync(join(repo, 'nodes/Smartflo/SmartfloCallRecordTrigger.node.json'), 'utf8'));
		expect(codex).toMatchObject({
			node: 'n8n-nodes-smartflo.smartfloCallRecordTrigger',
			codexVersion: '1.0',
			categories: ['Communication'],
			resources: { primaryDocumentation: [{ url: expect.stringMatching(/#smartflo-call-record-trigger$/) }] },
		});
	});
});
