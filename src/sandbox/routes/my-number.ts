import type { ApiRoute } from '../context';
import { ok } from '../replies';

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
