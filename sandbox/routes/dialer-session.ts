import type { ApiRoute } from '../context';
import { numericId } from '../query-params';
import { ok, refused } from '../replies';
import { Validator } from '../validation';

/**
 * Starts or ends the dialer session of the user the token belongs to. Starting needs a campaign of the
 * account and no session already running; ending needs a running session (in the campaign, when one is
 * named). `logout` on an end also logs the agent out of the dialer.
 */
export const sessionCallRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/dialer/session_call',
	auth: 'bearer',
	handle({ state, body, token }) {
		const input = new Validator(body);
		input.requirePresence('startOrEnd');
		const start = input.optionalBoolean('startOrEnd');
		const campaignText = input.optionalText('campaignId');
		const logout = input.optionalBoolean('logout') ?? false;
		if (start === true && campaignText === undefined)
			input.invalid('campaignId', 'The campaign id field is required when start or end is true.');
		if (input.failed || start === undefined) return input.reply();
		const { dialer } = state;
		const running = dialer.sessionOf(token.sub);
		const campaign = campaignText === undefined ? undefined : dialer.campaign(numericId(campaignText));
		if (campaignText !== undefined && !campaign) return refused('Campaign not found');
		if (start) {
			if (running) return refused(`A session is already running in campaign ${running.campaignId}`);
			dialer.startSession(token.sub, campaign!.id);
			return ok({ success: true, message: 'Session started successfully' });
		}
		if (!running || (campaign && running.campaignId !== campaign.id)) return refused('No session is running in this campaign');
		dialer.endSession(token.sub);
		return ok({ success: true, message: logout ? 'Session ended and agent logged out successfully' : 'Session ended successfully' });
	},
};
