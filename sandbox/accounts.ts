import { DEFAULT_PASSWORD_DAYS_LEFT } from './defaults';
import type { AccountState, SandboxAccount } from './types';

// User ids of the login accounts (the JWT `sub`), kept apart from the seeded directory users.
const FIRST_ACCOUNT_USER_ID = 10001;

interface AccountRecord {
	email: string;
	password: string;
	userId: number;
	passwordDaysLeft: number;
	failedCount: number;
	locked: boolean;
}

export type LoginOutcome =
	| { kind: 'success'; userId: number; passwordDaysLeft: number }
	| { kind: 'unknownEmail' }
	| { kind: 'wrongPassword'; failedCount: number }
	| { kind: 'locked'; failedCount: number }
	| { kind: 'passwordExpired' };

/** The portal logins the sandbox knows, with Smartflo's consecutive-failure counter. */
export class AccountBook {
	private readonly byEmail = new Map<string, AccountRecord>();

	constructor(
		accounts: readonly SandboxAccount[],
		private readonly lockAfterFailedLogins?: number,
	) {
		if (accounts.length === 0) throw new TypeError('The sandbox needs at least one account');
		accounts.forEach((account, index) => {
			this.byEmail.set(normaliseEmail(account.email), {
				email: account.email,
				password: account.password,
				userId: FIRST_ACCOUNT_USER_ID + index,
				passwordDaysLeft: account.passwordDaysLeft ?? DEFAULT_PASSWORD_DAYS_LEFT,
				failedCount: 0,
				locked: false,
			});
		});
	}

	login(email: string, password: string): LoginOutcome {
		const account = this.byEmail.get(normaliseEmail(email));
		if (!account) return { kind: 'unknownEmail' };
		// A locked account stays locked whatever is typed; the counter no longer moves.
		if (account.locked) return { kind: 'locked', failedCount: account.failedCount };
		if (account.password !== password) {
			account.failedCount += 1;
			if (this.lockAfterFailedLogins !== undefined && account.failedCount >= this.lockAfterFailedLogins) {
				account.locked = true;
			}
			return { kind: 'wrongPassword', failedCount: account.failedCount };
		}
		account.failedCount = 0;
		if (account.passwordDaysLeft <= 0) return { kind: 'passwordExpired' };
		return { kind: 'success', userId: account.userId, passwordDaysLeft: account.passwordDaysLeft };
	}

	/** The user id (JWT `sub`) of the account, or of the first account when no email is given. */
	userIdOf(email?: string): number {
		return email === undefined ? FIRST_ACCOUNT_USER_ID : this.require(email).userId;
	}

	state(email: string): AccountState {
		const account = this.require(email);
		return { loginFailedCount: account.failedCount, locked: account.locked };
	}

	unlock(email: string): void {
		const account = this.require(email);
		account.failedCount = 0;
		account.locked = false;
	}

	private require(email: string): AccountRecord {
		const account = this.byEmail.get(normaliseEmail(email));
		if (!account) throw new RangeError(`No sandbox account for ${email}`);
		return account;
	}
}

function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}
