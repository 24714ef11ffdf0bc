import type { ApiRoute } from '../context';
import { ok } from '../replies';

/** The IVRs, under `ivrs`. */
export const ivrsRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/ivrs',
	auth: 'bearer',
	handle({ state }) {
		return ok({
			ivrs: state.directory.ivrs.map((ivr) => ({
				id: ivr.id,
				name: ivr.name,
				description: ivr.description,
				recording: `recording||${ivr.recordingId}`,
				timeout: ivr.timeoutSeconds,
				invalid_recording: null,
				invalid_destination: 'hangup||1',
				timeout_recording: null,
				timeout_destination: 'hangup||1',
				ivr_menu: ivr.menu.map((entry) => ({
					option: entry.option,
					destination_type: entry.destinationType,
					destination_id: entry.destinationId,
					sms_template_id: null,
					webhook_id: null,
				})),
			})),
		});
	},
};

/** The auto attendants: a bare array. */
export const autoAttendantsRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/auto_attendants',
	auth: 'bearer',
	handle({ state }) {
		return ok(
			state.directory.autoAttendants.map((entry) => ({
				id: entry.id,
				name: entry.name,
				description: entry.description,
				destination_type: entry.destinationType,
				destination_id: entry.destinationId,
			})),
		);
	},
};

/** The time groups (working hours): a bare array. */
export const timeGroupsRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/timegroups',
	auth: 'bearer',
	handle({ state }) {
		return ok(
			state.directory.timeGroups.map((group) => ({
				id: group.id,
				name: group.name,
				days: group.days,
				from_time: group.fromTime,
				to_time: group.toTime,
			})),
		);
	},
};

/** The roles a user can be given: a bare array. */
export const rolesRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/roles',
	auth: 'bearer',
	handle({ state }) {
		return ok(state.directory.roles.map((role) => ({ id: role.id, name: role.name })));
	},
};
