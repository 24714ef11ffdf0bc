import type { WebhookSender } from './sender';
import type { SandboxWebhookControls } from './types';

/** The handle's webhook methods; the admin HTTP API calls the same ones. */
export function createWebhookControls(sender: WebhookSender): SandboxWebhookControls {
	return {
		registerWebhook: (registration) => sender.register(registration),
		listWebhooks: () => sender.list(),
		removeWebhook: (id) => sender.remove(id),
		clearWebhooks: () => sender.clear(),
		playCall: (options) => sender.playCall(options),
		playedCalls: () => sender.playedCalls(),
		webhooksIdle: () => sender.idle(),
		configureWebhooks: (patch) => sender.configure(patch),
		webhookSettings: () => sender.currentSettings(),
		webhookStats: () => sender.snapshot(),
		resetWebhookStats: () => sender.resetStats(),
	};
}
