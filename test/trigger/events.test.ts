import { ANSWERED_HANGUP, MISSED_HANGUP } from './fixtures';
import { deliver, withSecret } from './harness';

const onlyMissed = { parameters: { events: ['call_hangup_missed'] } };

describe('Smartflo Trigger: filtering by event', () => {
	it('a selected event starts an execution; another is answered 200 and starts nothing', async () => {
		expect((await deliver({ json: MISSED_HANGUP, query: withSecret() }, onlyMissed)).items).toHaveLength(1);
		const other = await deliver({ json: ANSWERED_HANGUP, query: withSecret() }, onlyMissed);
		expect(other).toMatchObject({ status: 200, body: { received: true, started: false }, items: [] });
	});

	it('several selected events', async () => {
		const setup = { parameters: { events: ['call_hangup_missed', 'call_hangup_answered'] } };
		expect((await deliver({ json: MISSED_HANGUP, query: withSecret() }, setup)).items).toHaveLength(1);
		expect((await deliver({ json: ANSWERED_HANGUP, query: withSecret() }, setup)).items).toHaveLength(1);
	});

	it('the event named by its portal name, in any case', async () => {
		const { items } = await deliver({ json: { ...MISSED_HANGUP, event: 'call HANGUP (missed)' }, query: withSecret() }, onlyMissed);
		expect(items[0]).toMatchObject({ event: 'call_hangup_missed', event_name: 'Call hangup (Missed)' });
	});

	it('the event named in the URL (one URL per trigger) when the body names none', async () => {
		const { event: _event, ...unnamed } = MISSED_HANGUP;
		const { items } = await deliver({ json: unnamed, query: withSecret({ event: 'call_hangup_missed' }) }, onlyMissed);
		expect(items[0]).toMatchObject({ event: 'call_hangup_missed', event_name: 'Call hangup (Missed)' });
	});

	it('the body wins over the URL', async () => {
		const { items } = await deliver({ json: ANSWERED_HANGUP, query: withSecret({ event: 'call_hangup_missed' }) });
		expect(items[0].event).toBe('call_hangup_answered');
	});

	it('a delivery that names no event matches only Any Event, and says so with event null', async () => {
		const { event: _event, ...unnamed } = MISSED_HANGUP;
		expect((await deliver({ json: unnamed, query: withSecret() }, onlyMissed)).items).toEqual([]);
		const { items } = await deliver({ json: { ...unnamed, event: '$event' }, query: withSecret() });
		expect(items[0]).toMatchObject({ event: null, event_name: null, call_id: MISSED_HANGUP.call_id });
	});

	it('an event name the catalogue does not know is passed on as it came, under Any Event', async () => {
		const { items } = await deliver({ json: { ...MISSED_HANGUP, event: 'missed-call-crm' }, query: withSecret() });
		expect(items[0]).toMatchObject({ event: 'missed-call-crm', event_name: null });
		expect((await deliver({ json: { ...MISSED_HANGUP, event: 'missed-call-crm' }, query: withSecret() }, onlyMissed)).items).toEqual([]);
	});

	it('Any Event next to single events still lets every delivery through', async () => {
		const setup = { parameters: { events: ['call_hangup_missed', '*'] } };
		expect((await deliver({ json: ANSWERED_HANGUP, query: withSecret() }, setup)).items).toHaveLength(1);
	});

	it('in a JSON array, only the selected deliveries become items', async () => {
		const { items } = await deliver({ json: [ANSWERED_HANGUP, MISSED_HANGUP, ANSWERED_HANGUP], query: withSecret() }, onlyMissed);
		expect(items.map((item) => item.event)).toEqual(['call_hangup_missed']);
	});
});
