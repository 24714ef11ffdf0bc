export { bodyTemplate, bodyTemplateText } from './templates';
export { DEFAULT_PAYLOAD_LIMITS, PayloadBudget, type PayloadLimits, type PayloadProblem, type PayloadRefusal } from './budget';
export {
	normaliseEvent,
	normaliseFields,
	type CallDirection,
	type CallStatus,
	type NormalisedEvent,
	type NormaliseOptions,
} from './normalise';
export { payloadsOf, type Payload, type PayloadFields } from './payload';
export { MIN_SECRET_LENGTH, SECRET_RULES, secretProblem, type SecretPlacement } from './secret';
export { normaliseStamp, type NormalisedStamp } from './stamps';
export { EVENT_FIELD, findTrigger, SMARTFLO_TRIGGERS, type SmartfloTrigger, type SmartfloTriggerId } from './triggers';
