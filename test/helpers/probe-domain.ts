import { smartfloFor } from '../../graphql/data/upstream-access';
import { pageSizeOf } from '../../graphql/limits/page-size';
import type { SchemaDomain } from '../../graphql/schema';
import { settleApiCall, type ApiErrorShape } from '../../graphql/schema/api-error';
import { SMARTFLO_ENDPOINTS } from '../../src/api/endpoints';

interface ProbeShape {
	ok: boolean;
	count: number | null;
	error: ApiErrorShape | null;
}

const { user, department, call } = SMARTFLO_ENDPOINTS;

/**
 * Root fields for tests only, standing in for the data schema: each goes through smartfloFor and
 * settleApiCall as a data resolver does. `probeUsers` reads (and pages: with a sandbox whose
 * maxPageSize is small, one field makes several upstream calls), `probeDepartment` writes,
 * `probeClickToCall` places a call.
 */
export const probeDomain: SchemaDomain = (builder, { ApiError }) => {
	const Probe = builder.objectRef<ProbeShape>('Probe').implement({
		fields: (t) => ({
			ok: t.exposeBoolean('ok'),
			count: t.exposeInt('count', { nullable: true }),
			error: t.field({ type: ApiError, nullable: true, resolve: (probe) => probe.error }),
		}),
	});
	const payload = async (work: () => Promise<number>, context: Parameters<typeof settleApiCall>[1]): Promise<ProbeShape> => {
		const outcome = await settleApiCall(work, context);
		return { ok: outcome.ok, count: outcome.value, error: outcome.error };
	};

	builder.queryField('probeUsers', (t) =>
		t.field({
			type: Probe,
			args: { limit: t.arg.int() },
			resolve: (_root, args, context) =>
				payload(async () => {
					const { client, options } = await smartfloFor(context, user.getMany.effect);
					const { items } = await client.list(user.getMany, {}, { ...options, limit: pageSizeOf(args.limit, 'limit') });
					return items.length;
				}, context),
		}),
	);
	builder.mutationField('probeDepartment', (t) =>
		t.field({
			type: Probe,
			args: { name: t.arg.string({ required: true }) },
			resolve: (_root, args, context) =>
				payload(async () => {
					const { client, options } = await smartfloFor(context, department.create.effect);
					await client.call(department.create, { name: args.name }, options);
					return 1;
				}, context),
		}),
	);
	builder.mutationField('probeClickToCall', (t) =>
		t.field({
			type: Probe,
			resolve: (_root, _args, context) =>
				payload(async () => {
					const { client, options } = await smartfloFor(context, call.clickToCall.effect);
					await client.call(call.clickToCall, { agent_number: '0502842370097', destination_number: '+919876543210', async: 1 }, options);
					return 1;
				}, context),
		}),
	);
};

export const PROBE_USERS =
	'query ProbeUsers($limit: Int) { probeUsers(limit: $limit) { ok count error { code message retryAfterSeconds field } } }';
export const PROBE_DEPARTMENT =
	'mutation ProbeDepartment($name: String!) { probeDepartment(name: $name) { ok count error { code message retryAfterSeconds field } } }';
export const PROBE_CLICK_TO_CALL = 'mutation ProbeCall { probeClickToCall { ok count error { code message retryAfterSeconds field } } }';
