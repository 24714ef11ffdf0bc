import type { ApiRoute } from '../context';
import { isDestinationFormat, resolveDestination } from '../destination';
import { numericId } from '../query-params';
import { ok, refused } from '../replies';
import { Validator } from '../validation';

/** The account's DIDs: a bare array. */
export const myNumberRoute: ApiRoute = {
	method: 'GET',
	path: '/v1/my_number',
	auth: 'bearer',
	handle({ state }) {
		return ok(
			state.directory.dids.map(({ id, did, alias, name, destination, description }) => ({
				id,
				did,
				alias,
				name,
				destination,
				description,
			})),
		);
	},
};

/** Renames a DID, or routes its calls to a `type||id` destination that must exist in the account. */
export const updateMyNumberRoute: ApiRoute = {
	method: 'PUT',
	path: '/v1/my_number/{id}',
	auth: 'bearer',
	handle({ state, params, body }) {
		const did = state.directory.didByIdOrUndefined(numericId(params.id));
		if (!did) return { status: 404, body: { success: false, message: 'Number not found' } };
		const input = new Validator(body);
		const name = input.optionalText('name');
		const description = input.optionalText('description');
		const destination = input.optionalText('destination');
		input.optionalTextList('sms_template');
		if (destination !== undefined && !isDestinationFormat(destination)) input.invalid('destination', 'The destination format is invalid.');
		if (input.failed) return input.reply();
		if (destination !== undefined && !resolveDestination(state.directory, destination)) return refused('Destination not found');
		if (name !== undefined) did.name = name;
		if (description !== undefined) did.description = description;
		if (destination !== undefined) did.destination = destination;
		return ok({ success: true, message: 'Number updated successfully' });
	},
};
