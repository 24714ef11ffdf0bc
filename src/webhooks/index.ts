export { bodyTemplate, bodyTemplateText } from './templates';
export {
	normaliseEvent,
	normaliseFields,
	type CallDirection,
	type CallStatus,
	type NormalisedEvent,
	type NormaliseOptions,
} from './normalise';
export { payloadsOf, type Payload, type PayloadFields } from './payload';
export { normaliseStamp, type NormalisedStamp } from './stamps';
export { EVENT_FIELD, findTrigger, SMARTFLO_TRIGGERS, type SmartfloTrigger, type SmartfloTriggerId } from './triggers';
