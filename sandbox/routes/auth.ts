import type { ApiRoute } from '../context';
import { ok, type Reply } from '../replies';
import type { LoginOutcome } from '../accounts';
import { Validator } from '../validation';

export const loginRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/auth/login',
	auth: 'none',
	handle({ state, body }) {
		const input = new Validator(body);
		const email = input.required('email');
		const password = input.required('password');
		if (email === undefined || password === undefined) return input.reply();

		const outcome = state.accounts.login(email, password);
		if (outcome.kind !== 'success') {
			state.stats.outcome('failedLogins');
			return loginRefusal(outcome);
		}
		state.stats.outcome('logins');
		const ttlSeconds = state.config.tokenTtlSeconds;
		return ok({
			success: true,
			access_token: state.tokens.issue({ sub: String(outcome.userId), kind: 'login', ttlSeconds }),
			token_type: 'bearer',
			expires_in: ttlSeconds,
			number_of_days_left: outcome.passwordDaysLeft,
		});
	},
};

/** Smartflo answers failed logins with 200 or 401; clients must judge the body, not the status. */
function loginRefusal(outcome: Exclude<LoginOutcome, { kind: 'success' }>): Reply {
	switch (outcome.kind) {
		case 'unknownEmail':
			return { status: 200, body: { success: false, message: 'Invalid credentials' } };
		case 'wrongPassword':
			return {
				status: 401,
				body: { success: false, message: 'The username or password is incorrect.', login_failed_count: outcome.failedCount },
			};
		case 'locked':
			return {
				status: 401,
				body: {
					success: false,
					message: 'Your account has been locked due to too many failed login attempts.',
					login_failed_count: outcome.failedCount,
				},
			};
		case 'passwordExpired':
			return {
				status: 200,
				body: { success: false, message: 'Your password has expired. Please reset your password.', number_of_days_left: 0 },
			};
	}
}

/** Trades a valid token for a new one and blacklists the old one (tymon/jwt-auth's default). */
export const refreshRoute: ApiRoute = {
	method: 'POST',
	path: '/v1/auth/refresh',
	auth: 'bearer',
	handle({ state, token }) {
		state.tokens.revokeClaims(token);
		state.stats.outcome('refreshes');
		const ttlSeconds = state.config.tokenTtlSeconds;
		return ok({
			success: true,
			access_token: state.tokens.issue({ sub: token.sub, kind: 'refresh', ttlSeconds }),
			token_type: 'bearer',
			expires_in: ttlSeconds,
		});
	},
};
