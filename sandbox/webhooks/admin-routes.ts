import type { AdminRoute } from '../admin';
import type { PlayCallOptions, WebhookRegistration, WebhookSettings } from './types';

const ok = { ok: true } as const;

/** `/__sandbox/webhooks…`: register webhooks, play calls, read what was delivered. */
export const WEBHOOK_ADMIN_ROUTES: readonly AdminRoute[] = [
	{ method: 'GET', path: '/__sandbox/webhooks', handle: (controls) => ({ webhooks: controls.listWebhooks() }) },
	{
		method: 'POST',
		path: '/__sandbox/webhooks',
		handle: (controls, body) => controls.registerWebhook(body as unknown as WebhookRegistration),
	},
	{
		method: 'DELETE',
		path: '/__sandbox/webhooks',
		handle: (controls) => {
			controls.clearWebhooks();
			return ok;
		},
	},
	{
		method: 'DELETE',
		path: '/__sandbox/webhooks/{id}',
		handle: (controls, _body, params) => {
			controls.removeWebhook(params.id);
			return ok;
		},
	},
	{ method: 'GET', path: '/__sandbox/webhooks/config', handle: (controls) => controls.webhookSettings() },
	{
		method: 'POST',
		path: '/__sandbox/webhooks/config',
		handle: (controls, body) => controls.configureWebhooks(body as Partial<WebhookSettings>),
	},
	{ method: 'GET', path: '/__sandbox/webhooks/calls', handle: (controls) => ({ calls: controls.playedCalls() }) },
	{ method: 'POST', path: '/__sandbox/webhooks/calls', handle: (controls, body) => controls.playCall(body as PlayCallOptions) },
	{ method: 'GET', path: '/__sandbox/webhooks/stats', handle: (controls) => controls.webhookStats() },
	{
		method: 'POST',
		path: '/__sandbox/webhooks/stats/reset',
		handle: (controls) => {
			controls.resetWebhookStats();
			return ok;
		},
	},
];
