import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../nodes/Smartflo/actions/resources';
import { node } from './harness';

const description = node.description;
const nodeDir = join(__dirname, '../../nodes/Smartflo');

/** Every parameter, collection options included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		const nested = (property.options ?? []).flatMap((option) => {
			if ('displayName' in option && 'type' in option) return allProperties([option as INodeProperties]);
			if ('values' in option) return allProperties((option as INodePropertyCollection).values);
			return [];
		});
		return [property, ...nested];
	});
}

const operationSelectors = description.properties.filter((property) => property.name === 'operation');
const isTitleCase = (text: string) => text.split(' ').every((word) => /^(\(?[A-Z0-9]|to$|or$|and$|a$|of$|by$|in$)/.test(word));

describe('Smartflo node description', () => {
	it('is a programmatic, tool-usable node with its credential, subtitle and themed icons', () => {
		expect(description).toMatchObject({
			name: 'smartflo',
			version: [1, 2],
			defaultVersion: 2,
			usableAsTool: true,
			subtitle: expect.stringContaining('$parameter["operation"]'),
		});
		expect(description.credentials).toEqual([expect.objectContaining({ name: 'smartfloApi', required: true })]);
		const { light, dark } = description.icon as { light: string; dark: string };
		const lightSvg = readFileSync(join(nodeDir, light.replace('file:', '')), 'utf8');
		const darkSvg = readFileSync(join(nodeDir, dark.replace('file:', '')), 'utf8');
		expect(lightSvg).toMatch(/^<svg/);
		expect(darkSvg).not.toBe(lightSvg);
	});

	it('has a codex file naming the node', () => {
		const codex = JSON.parse(readFileSync(join(nodeDir, 'Smartflo.node.json'), 'utf8'));
		expect(codex).toMatchObject({ node: 'n8n-nodes-smartflo.smartflo', codexVersion: '1.0', categories: ['Communication'] });
		expect(existsSync(join(nodeDir, 'Smartflo.node.ts'))).toBe(true);
	});

	it('offers exactly the resources and operations of the issue, each one implemented', () => {
		const offered = Object.fromEntries(
			operationSelectors.map((selector) => [
				selector.displayOptions!.show!.resource![0],
				(selector.options as INodePropertyOptions[]).map((option) => option.value).sort(),
			]),
		);
		expect(offered).toEqual({
			token: ['inspect', 'login', 'refresh'],
			call: ['barge', 'clickToCall', 'clickToCallSupport', 'disconnect', 'getLiveCalls', 'hangUp', 'monitor', 'transfer', 'whisper'],
			callRecord: ['downloadRecording', 'getMany'],
			user: ['create', 'get', 'getMany', 'update'],
			myNumber: ['getMany', 'update'],
			department: ['create', 'getMany'],
			broadcast: ['create', 'get', 'getMany', 'start', 'stop'],
			leadList: ['getMany'],
			lead: ['create', 'createMany', 'delete', 'getDnd', 'getMany'],
			ivr: ['getMany'],
			dialer: ['createCampaign', 'getCallNotes', 'getCallbacks', 'scheduleCallback', 'sessionCall', 'updateCampaign'],
		});
		for (const [resource, operations] of Object.entries(offered)) {
			expect(Object.keys(resources[resource as keyof typeof resources].operations).sort()).toEqual(operations);
		}
	});

	it('follows n8n’s UX rules: Title Case names, sentence-case actions, booleans described with "Whether"', () => {
		for (const selector of operationSelectors) {
			for (const option of selector.options as INodePropertyOptions[]) {
				expect([option.name, isTitleCase(option.name)]).toEqual([option.name, true]);
				// Sentence case; words in capitals (DND, IVR) stay as they are.
				expect(option.action).toMatch(/^[A-Z][a-z]+( [a-z0-9-]+| [A-Z]+)*$/);
				expect(option.description).toBeTruthy();
			}
		}
		for (const property of allProperties(description.properties)) {
			expect([property.displayName, isTitleCase(property.displayName)]).toEqual([property.displayName, true]);
			if (property.type === 'boolean') expect(property.description).toMatch(/^Whether /);
			if (property.typeOptions?.loadOptionsMethod) expect(property.displayName).toMatch(/Name or ID|Names or IDs/);
		}
	});

	it('the README’s table lists every resource and operation, under the names the node shows, and docs/n8n-node.md documents each', () => {
		const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
		const reference = readFileSync(join(__dirname, '../../docs/n8n-node.md'), 'utf8');
		const table = readme.slice(readme.indexOf('### Smartflo node'), readme.indexOf('All operations share'));
		const documented = Object.fromEntries(
			[...table.matchAll(/^\| ([A-Z][\w ]+) \| (.+) \|$/gm)]
				.filter(([, name]) => name !== 'Resource')
				.map(([, name, operations]) => [name, operations.split(', ').sort()]),
		);
		const resourceNames = (description.properties.find((property) => property.name === 'resource')?.options ??
			[]) as INodePropertyOptions[];
		const offered = Object.fromEntries(
			resourceNames.map((resource) => {
				const selector = operationSelectors.find((candidate) => candidate.displayOptions?.show?.resource?.[0] === resource.value);
				return [resource.name, ((selector?.options ?? []) as INodePropertyOptions[]).map((option) => option.name).sort()];
			}),
		);
		expect(documented).toEqual(offered);
		for (const [resource, operations] of Object.entries(offered)) {
			for (const operation of operations)
				expect([
					resource,
					operation,
					reference.includes(`\n## ${resource} → `) && new RegExp(`\n## ${resource} → [^\n]*${operation}`).test(reference),
				]).toEqual([resource, operation, true]);
		}
	});

	it('gives Get Many operations Return All and a Limit of 50', () => {
		for (const [resource, { operations }] of Object.entries(resources)) {
			if (!operations.getMany) continue;
			const names = operations.getMany.description.map((property) => property.name);
			expect([resource, names]).toEqual([resource, expect.arrayContaining(['returnAll', 'limit'])]);
			expect(operations.getMany.description.find((property) => property.name === 'limit')?.default).toBe(50);
		}
	});
});
