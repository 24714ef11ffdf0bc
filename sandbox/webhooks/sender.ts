import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { bodyTemplate } from '../../src/webhooks/templates';
import { findTrigger, SMARTFLO_TRIGGERS, type SmartfloTriggerId } from '../../src/webhooks/triggers';
import type { CallLedger, LiveCall } from '../calls';
import type { Directory } from '../directory';
import type { SeededRandom } from '../random';
import { callFactsOf, clickToCallOf, simulatedCallOf } from './calls';
import { encodeDelivery } from './encode';
import { lifecycleOf, type LifecycleEvent, type SimulatedCall } from './lifecycle';
import { planDeliveries } from './plan';
import { renderTemplate } from './render';
import { transmit } from './transmit';
import type {
	PlayCallOptions,
	PlayedCall,
	RegisteredWebhook,
	WebhookEncoding,
	WebhookMethod,
	WebhookQuirks,
	WebhookRegistration,
	WebhookSettings,
	WebhookStats,
} from './types';
import { variablesFor } from './variables';

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
const MAX_WEBHOOKS = 100;
const MAX_PLAYED_CALLS = 100;
/** How long a click-to-call customer's phone rings before the call counts as missed. */
const MISSED_CUSTOMER_RING_MS = 30_000;
const METHODS: readonly WebhookMethod[] = ['POST', 'GET'];
const ENCODINGS: readonly WebhookEncoding[] = ['json', 'form'];

/** The webhooks registered with one sandbox, and the deliveries of the calls it plays. */
export class WebhookSender {
	private readonly webhooks = new Map<string, RegisteredWebhook>();
	private readonly played: PlayedCall[] = [];
	private readonly inFlight = new Set<Promise<void>>();
	private readonly shutdown = new AbortController();
	private settings: WebhookSettings = { onClickToCall: 'answered', clickToCallQuirks: {}, deliveryTimeoutMs: DEFAULT_DELIVERY_TIMEOUT_MS };
	private stats: WebhookStats = emptyStats();

	constructor(
		private readonly directory: Directory,
		private readonly random: SeededRandom,
		/** Where a played call's record is written when it ends. */
		private readonly calls: CallLedger,
	) {}

	register(registration: WebhookRegistration): RegisteredWebhook {
		if (this.webhooks.size >= MAX_WEBHOOKS) throw new TypeError(`At most ${MAX_WEBHOOKS} webhooks can be registered`);
		const webhook = validRegistration(registration);
		this.webhooks.set(webhook.id, webhook);
		return structuredClone(webhook);
	}

	list(): RegisteredWebhook[] {
		return [...this.webhooks.values()].map((webhook) => structuredClone(webhook));
	}

	remove(id: string): void {
		if (!this.webhooks.delete(id)) throw new RangeError(`No webhook ${id}`);
	}

	clear(): void {
		this.webhooks.clear();
	}

	configure(patch: Partial<WebhookSettings>): WebhookSettings {
		const next = { ...this.settings };
		if (patch.onClickToCall !== undefined) {
			if (!['answered', 'missed', 'off'].includes(patch.onClickToCall))
				throw new TypeError('onClickToCall must be answered, missed or off');
			next.onClickToCall = patch.onClickToCall;
		}
		if (patch.clickToCallQuirks !== undefined) next.clickToCallQuirks = validQuirks(patch.clickToCallQuirks);
		if (patch.deliveryTimeoutMs !== undefined) {
			const timeout = patch.deliveryTimeoutMs;
			if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1)
				throw new TypeError('deliveryTimeoutMs must be a positive integer');
			next.deliveryTimeoutMs = timeout;
		}
		this.settings = next;
		return this.currentSettings();
	}

	currentSettings(): WebhookSettings {
		return structuredClone(this.settings);
	}

	snapshot(): WebhookStats {
		return structuredClone(this.stats);
	}

	resetStats(): void {
		this.stats = emptyStats();
	}

	playedCalls(): PlayedCall[] {
		return this.played.map((call) => structuredClone(call));
	}

	/** Plays a made-up call (see PlayCallOptions); bad options throw a TypeError. */
	playCall(options: PlayCallOptions = {}): Promise<PlayedCall> {
		const call = simulatedCallOf(options, this.directory, this.random, Date.now());
		const { quirks = {}, stepDelayMs = 0 } = options;
		const valid = validQuirks(quirks);
		if (typeof stepDelayMs !== 'number' || !Number.isFinite(stepDelayMs) || stepDelayMs < 0)
			throw new TypeError('stepDelayMs must be 0 or more');
		return this.play(call, valid, stepDelayMs, true);
	}

	/** Plays the lifecycle of a call just placed through click to call, unless that is turned off. */
	playPlacedCall(live: LiveCall, customIdentifier: string | undefined): void {
		const { onClickToCall, clickToCallQuirks } = this.settings;
		if (onClickToCall === 'off' || this.webhooks.size === 0) return;
		const placed = clickToCallOf(live, customIdentifier, this.random);
		const missed = onClickToCall === 'missed';
		const call: SimulatedCall = missed
			? { ...placed, outcome: 'missed', answerMs: null, endMs: placed.startMs + MISSED_CUSTOMER_RING_MS, recordingUrl: null }
			: { ...placed, outcome: 'answered' };
		// configure already checked and copied these quirks. The live call writes its own record when it ends.
		void this.play(call, clickToCallQuirks, 0, false);
	}

	/**
	 * Delivers every event of the call to the webhooks registered for its trigger, one after the other; then,
	 * as Smartflo writes a call's record after its hangup, writes the call record if `writesRecord`.
	 */
	private play(call: SimulatedCall, quirks: WebhookQuirks, stepDelayMs: number, writesRecord: boolean): Promise<PlayedCall> {
		const events = lifecycleOf(call);
		const record: PlayedCall = {
			uuid: call.uuid,
			callId: call.callId,
			refId: call.refId,
			kind: call.kind,
			outcome: call.outcome,
			events: events.map((event) => event.trigger),
			deliveries: [],
			finished: false,
		};
		this.played.push(record);
		if (this.played.length > MAX_PLAYED_CALLS) this.played.shift();
		this.stats.calls += 1;
		const playing = this.deliverAll(call, events, record, quirks, stepDelayMs)
			.then(() => {
				if (writesRecord) this.calls.recordEndedCall(callFactsOf(call, this.directory));
			})
			.finally(() => {
				record.finished = true;
				this.inFlight.delete(playing);
			});
		this.inFlight.add(playing);
		return playing.then(() => structuredClone(record));
	}

	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	/** Abandons deliveries in flight; later ones fail at once. */
	close(): void {
		this.shutdown.abort();
	}

	private async deliverAll(
		call: SimulatedCall,
		events: LifecycleEvent[],
		record: PlayedCall,
		quirks: WebhookQuirks,
		stepDelayMs: number,
	): Promise<void> {
		const renderOptions = {
			unresolvedPlaceholders: quirks.unresolvedPlaceholders === true,
			trailingSpaceKey: quirks.trailingSpaceKey === true,
			dollarKeys: quirks.dollarKeys === true,
		};
		let first = true;
		for (const { event, copy } of planDeliveries(events, quirks)) {
			const variables = variablesFor(call, event);
			for (const webhook of [...this.webhooks.values()].filter((entry) => entry.trigger === event.trigger)) {
				if (!first && stepDelayMs > 0) await sleep(stepDelayMs, undefined, { signal: this.shutdown.signal }).catch(() => undefined);
				first = false;
				const outgoing = encodeDelivery(webhook, renderTemplate(webhook.bodyTemplate, variables, renderOptions));
				const result = await transmit(outgoing, this.settings.deliveryTimeoutMs, this.shutdown.signal);
				this.count(event.trigger, result.outcome, result.status);
				record.deliveries.push({ webhookId: webhook.id, trigger: event.trigger, copy, ...result });
			}
		}
	}

	private count(trigger: SmartfloTriggerId, outcome: string, status: number | null): void {
		const stats = this.stats;
		stats.deliveries += 1;
		stats.byTrigger[trigger] = (stats.byTrigger[trigger] ?? 0) + 1;
		if (status !== null) stats.byStatus[String(status)] = (stats.byStatus[String(status)] ?? 0) + 1;
		if (outcome === 'delivered') stats.delivered += 1;
		else stats.failed += 1;
		if (outcome === 'timedOut') stats.timedOut += 1;
		if (outcome === 'networkError') stats.networkErrors += 1;
	}
}

function emptyStats(): WebhookStats {
	return { calls: 0, deliveries: 0, delivered: 0, failed: 0, timedOut: 0, networkErrors: 0, byStatus: {}, byTrigger: {} };
}

function validRegistration(registration: WebhookRegistration): RegisteredWebhook {
	if (typeof registration !== 'object' || registration === null) throw new TypeError('A webhook needs url and trigger');
	const { url, trigger: triggerName, method = 'POST', encoding = 'json', bodyTemplate: template, headers = {} } = registration;
	let parsed: URL;
	try {
		parsed = new URL(String(url));
	} catch {
		throw new TypeError('url must be an absolute http(s) URL');
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError('url must be an absolute http(s) URL');
	const trigger = typeof triggerName === 'string' ? findTrigger(triggerName) : undefined;
	if (!trigger) throw new TypeError(`trigger must be one of: ${SMARTFLO_TRIGGERS.map((entry) => entry.name).join(', ')}`);
	if (!METHODS.includes(method)) throw new TypeError('method must be POST or GET');
	if (!ENCODINGS.includes(encoding)) throw new TypeError('encoding must be json or form');
	if (typeof headers !== 'object' || headers === null || Object.values(headers).some((value) => typeof value !== 'string')) {
		throw new TypeError('headers must map names to strings');
	}
	return {
		id: randomUUID(),
		url: parsed.toString(),
		trigger: trigger.id,
		triggerName: trigger.name,
		method,
		encoding,
		bodyTemplate: template === undefined ? bodyTemplate(trigger) : templateObject(template),
		headers: { ...headers },
	};
}

function templateObject(template: string | Record<string, unknown>): Record<string, unknown> {
	let value: unknown = template;
	if (typeof template === 'string') {
		try {
			value = JSON.parse(template);
		} catch {
			throw new TypeError('bodyTemplate must be a JSON object');
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('bodyTemplate must be a JSON object');
	return structuredClone(value as Record<string, unknown>);
}

function validQuirks(quirks: WebhookQuirks): WebhookQuirks {
	if (typeof quirks !== 'object' || quirks === null || Array.isArray(quirks)) throw new TypeError('quirks must be an object');
	const { duplicates } = quirks;
	if (duplicates !== undefined && typeof duplicates !== 'boolean') {
		if (!Array.isArray(duplicates) || duplicates.some((name) => typeof name !== 'string' || !findTrigger(name))) {
			throw new TypeError('duplicates must be true, false or a list of triggers');
		}
	}
	for (const flag of ['outOfOrder', 'unresolvedPlaceholders', 'trailingSpaceKey', 'dollarKeys'] as const) {
		if (quirks[flag] !== undefined && typeof quirks[flag] !== 'boolean') throw new TypeError(`${flag} must be true or false`);
	}
	return structuredClone(quirks);
}
