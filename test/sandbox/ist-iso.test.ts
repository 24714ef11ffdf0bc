import { formatIstIso } from '../../sandbox/ist-time';

describe('formatIstIso', () => {
	it('writes the IST wall clock as ISO 8601 with a +0530 offset, across the UTC day boundary', () => {
		expect(formatIstIso(Date.UTC(2026, 0, 31, 20, 15, 5, 999))).toBe('2026-02-01T01:45:05+0530');
	});
});
