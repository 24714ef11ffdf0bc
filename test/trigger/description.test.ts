import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { bodyTemplate, SMARTFLO_TRIGGERS } from '../../src/webhooks';
import { trigger } from './harness';

/** The triggers of the Smartflo portal, as issue 11 and Smartflo's docs list them. */
const PORTAL_TRIGGERS = [
	'Call received on Server',
	'Call answered on IVR',
	'Call answered by Agent',
	'Call hangup (Missed)',
	'Call hangup (Answered)',
	'Call hangup (Missed or Answered)',
	'DTMF Option',
	'Dialed on Agent',
	'Call received on Department',
	'Call received on Auto Attendant',
	'Call answered by Agent (Hangup)',
	'Call missed by Agent (Hangup)',
	'Call answered by Customer (Click to call)',
	'Call missed by Customer (Click to Call)',
	'Disposition Status Updated (Dialer)',
	'Call Connected to Agent (Dialer)',
	'Session Call Answered',
];

const { description } = trigger;
const property = (name: string) => description.properties.find((entry) => entry.name === name) as INodeProperties;

describe('Smartflo Trigger: what the node shows', () => {
	it('is a trigger node with no inputs, webhooks for POST and GET on one path, and no tool use', () => {
		expect(description).toMatchObject({ name: 'smartfloTrigger', displayName: 'Smartflo Trigger', group: ['trigger'], inputs: [] });
		expect(description.webhooks?.map(({ name, httpMethod, path }) => [name, httpMethod, path])).toEqual([
			['default', 'POST', 'smartflo'],
			['setup', 'GET', 'smartflo'],
		]);
		expect(description.usableAsTool).toBeUndefined();
	});

	it('offers all 17 Smartflo triggers by their portal names, plus Any Event, as a multi-select', () => {
		const events = property('events');
		expect(events.type).toBe('multiOptions');
		const names = (events.options as Array<{ name: string }>).map((option) => option.name);
		expect(names).toEqual(['Any Event', ...PORTAL_TRIGGERS]);
		expect(SMARTFLO_TRIGGERS.map((entry) => entry.name)).toEqual(PORTAL_TRIGGERS);
	});

	it('says where to paste the URL: API Connect → Webhook, with the trigger, the method and the body', () => {
		const notice = property('setupNotice');
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/API Connect → Webhook/);
		expect(notice.displayName).toMatch(/Production URL/);
		expect(notice.displayName).toMatch(/Trigger/);
		expect(notice.displayName).toMatch(/POST/);
		expect(notice.displayName).toMatch(/Request/);
	});

	it.each(SMARTFLO_TRIGGERS.map((entry) => [entry.name, entry] as const))(
		'shows a ready JSON body for “%s” when it is selected',
		(_name, entry) => {
			const notice = property(`bodyTemplate_${entry.id}`);
			expect(notice.displayOptions).toEqual({ show: { events: [entry.id] } });
			const json = /<code>(.*)<\/code>/.exec(notice.displayName)?.[1] as string;
			const template = JSON.parse(json);
			expect(template).toEqual(bodyTemplate(entry));
			expect(template.event).toBe(entry.id);
			expect(template.uuid ?? template.call_id).toMatch(/^\$/);
			for (const [key, value] of Object.entries(template)) if (key !== 'event') expect(value).toBe(`$${key}`);
		},
	);

	it('is registered in package.json and has a codex file naming it', () => {
		const repo = join(__dirname, '..', '..');
		const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
		expect(manifest.n8n.nodes).toContain('dist/nodes/Smartflo/SmartfloTrigger.node.js');
		const codex = JSON.parse(readFileSync(join(repo, 'nodes/Smartflo/SmartfloTrigger.node.json'), 'utf8'));
		expect(codex.node).toBe(`${manifest.name}.${description.name}`);
	});
});
