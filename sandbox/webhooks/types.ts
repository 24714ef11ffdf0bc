import type { SmartfloTriggerId } from '../../src/webhooks/triggers';

export type WebhookMethod = 'POST' | 'GET';
/** How a POST carries the body; a GET always carries it in the query string. */
export type WebhookEncoding = 'json' | 'form';

/** A webhook as the portal's API Connect → Webhook form takes it. */
export interface WebhookRegistration {
	/** Where to deliver, e.g. `http://127.0.0.1:5678/webhook/<id>/smartflo?secret=…`. */
	url: string;
	/** The trigger, by its portal name (`Call hangup (Missed)`) or its id (`call_hangup_missed`). */
	trigger: string;
	/** Default POST. */
	method?: WebhookMethod;
	/** Default json. */
	encoding?: WebhookEncoding;
	/** A JSON object whose string values may hold `$variables`; default: the trigger's template (src/webhooks). */
	bodyTemplate?: string | Record<string, unknown>;
	/** Static headers sent with every delivery, e.g. a shared secret. */
	headers?: Record<string, string>;
}

export interface RegisteredWebhook {
	id: string;
	url: string;
	trigger: SmartfloTriggerId;
	triggerName: string;
	method: WebhookMethod;
	encoding: WebhookEncoding;
	bodyTemplate: Record<string, unknown>;
	headers: Record<string, string>;
}

/** Smartflo's delivery quirks (docs/smartflo-webhooks.md#the-quirks-and-where-they-are-handled), on demand. */
export interface WebhookQuirks {
	/** Deliver every event twice, or only the events of these triggers (ids or portal names). */
	duplicates?: boolean | string[];
	/** Deliver the "answered" events after the hangup events. */
	outOfOrder?: boolean;
	/** Variables with no value for the event arrive as the literal `$name` instead of "". */
	unresolvedPlaceholders?: boolean;
	/** Send `customer_no_with_prefix` with a trailing space in its key. */
	trailingSpaceKey?: boolean;
	/** Prefix every key with `$` (seen on GET and form deliveries). */
	dollarKeys?: boolean;
}

export type CallKind = 'inbound' | 'clickToCall' | 'clickToCallSupport' | 'dialer';
export type CallOutcome = 'answered' | 'missed';

export interface PlayCallOptions {
	/** Default inbound. */
	kind?: CallKind;
	/** Default answered. */
	outcome?: CallOutcome;
	/** The customer's number; default a fresh mobile number. */
	customerNumber?: string;
	/** The agent (id, intercom, extension or number, as click to call takes it); default the first user's. */
	agent?: string;
	/** The DID; default the pilot number. */
	did?: string;
	customIdentifier?: string;
	/** Inbound calls: keys pressed in the IVR, one DTMF event each (e.g. "1", "12"). Default none. */
	digits?: string;
	/** Seconds of talk when answered; default 45. */
	talkSeconds?: number;
	/**
	 * How long ago the call started (whole seconds, at most 30 days); default 0. Its time stamps and its call
	 * record follow that start, and the record still appears only now: a record that lands late, as after a
	 * long call.
	 */
	startedSecondsAgo?: number;
	/** Whether an answered call is recorded (its webhooks and record carry a recording_url); default true. */
	recorded?: boolean;
	quirks?: WebhookQuirks;
	/** Pause between two deliveries; default 0 (the call's time stamps are still realistic). */
	stepDelayMs?: number;
}

export type DeliveryOutcome = 'delivered' | 'rejected' | 'networkError' | 'timedOut';

export interface DeliveryRecord {
	webhookId: string;
	trigger: SmartfloTriggerId;
	/** 1 for the first delivery of an event, 2 for a duplicate. */
	copy: number;
	outcome: DeliveryOutcome;
	/** The receiver's HTTP status; null when none came. */
	status: number | null;
	durationMs: number;
}

export interface PlayedCall {
	uuid: string;
	callId: string;
	refId: string | null;
	kind: CallKind;
	outcome: CallOutcome;
	/** The triggers in the order the call produced them (before quirks). */
	events: SmartfloTriggerId[];
	/** Every delivery attempt, in the order it was made. */
	deliveries: DeliveryRecord[];
	/** False while deliveries are still going out. */
	finished: boolean;
}

export interface WebhookSettings {
	/** What the lifecycle started by `/v1/click_to_call(_support)` does: default answered; off sends nothing. */
	onClickToCall: CallOutcome | 'off';
	/** Quirks for the lifecycles click to call starts. */
	clickToCallQuirks: WebhookQuirks;
	/** A delivery that takes longer is abandoned and counted as timed out (Smartflo gives up after ~10 s). */
	deliveryTimeoutMs: number;
}

export interface WebhookStats {
	/** Call lifecycles played. */
	calls: number;
	/** Delivery attempts. */
	deliveries: number;
	/** Answered with a 2xx. */
	delivered: number;
	/** Not delivered: answered with another status, a network error, or a timeout. */
	failed: number;
	timedOut: number;
	networkErrors: number;
	/** Receiver statuses, e.g. `{"200": 5, "403": 1}`. */
	byStatus: Record<string, number>;
	/** Delivery attempts per trigger id. */
	byTrigger: Record<string, number>;
}

export interface SandboxWebhookControls {
	registerWebhook(registration: WebhookRegistration): RegisteredWebhook;
	listWebhooks(): RegisteredWebhook[];
	removeWebhook(id: string): void;
	clearWebhooks(): void;
	/** Plays a call's lifecycle and resolves when every delivery has been answered, failed or timed out. */
	playCall(options?: PlayCallOptions): Promise<PlayedCall>;
	/** The latest calls (at most 100), newest last, including those click to call started. */
	playedCalls(): PlayedCall[];
	/** Resolves when no lifecycle is delivering any more. */
	webhooksIdle(): Promise<void>;
	configureWebhooks(patch: Partial<WebhookSettings>): WebhookSettings;
	webhookSettings(): WebhookSettings;
	webhookStats(): WebhookStats;
	resetWebhookStats(): void;
}
