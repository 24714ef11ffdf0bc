import {
	GraphQLEnumType,
	GraphQLNonNull,
	GraphQLObjectType,
	GraphQLScalarType,
	isIntrospectionType,
	isSpecifiedScalarType,
	type GraphQLNamedType,
} from 'graphql';

import { buildSchema } from '../../graphql/schema';
import { tokenInfo as inspectToken } from '../../graphql/schema/token-info';
import { SMARTFLO_ERROR_CODES } from '../../src/auth';
import { jwtExpiringIn, unsignedJwt } from '../helpers/jwt';

const schema = buildSchema();

function ownTypes(): GraphQLNamedType[] {
	return Object.values(schema.getTypeMap()).filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type));
}

function typeString(typeName: string, field: string): string {
	const type = schema.getType(typeName) as GraphQLObjectType;
	return String(type.getFields()[field].type);
}

describe('schema', () => {
	it('has exactly the types graphql/README.md#auth-the-schema names', () => {
		expect(
			ownTypes()
				.map((type) => type.name)
				.sort(),
		).toEqual(
			[
				'AccessToken',
				'ApiError',
				'ApiErrorCode',
				'AuthError',
				'AuthErrorCode',
				'AuthPayload',
				'DateTime',
				'Mutation',
				'Query',
				'TokenInfo',
			].sort(),
		);
	});

	it('describes every type, field, argument and enum value', () => {
		const missing: string[] = [];
		for (const type of ownTypes()) {
			if (!type.description?.trim()) missing.push(type.name);
			if (type instanceof GraphQLObjectType) {
				for (const field of Object.values(type.getFields())) {
					if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
					for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
				}
			}
			if (type instanceof GraphQLEnumType) {
				for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('has one AuthErrorCode value per core error code, in the same order', () => {
		const codes = (schema.getType('AuthErrorCode') as GraphQLEnumType).getValues().map((value) => value.value);
		expect(codes).toEqual([...SMARTFLO_ERROR_CODES]);
	});

	it("has one ApiErrorCode value per core error code, then the server's own, in the same order", () => {
		const codes = (schema.getType('ApiErrorCode') as GraphQLEnumType).getValues().map((value) => value.value);
		expect(codes).toEqual([...SMARTFLO_ERROR_CODES, 'UNAUTHENTICATED', 'FORBIDDEN', 'UPSTREAM_BUDGET_EXCEEDED']);
		expect(String(schema.getType('ApiError'))).toBe('ApiError');
		expect(typeString('ApiError', 'code')).toBe('ApiErrorCode!');
		expect(typeString('ApiError', 'field')).toBe('String');
	});

	it.each([
		['Mutation', 'login', 'AuthPayload!'],
		['Mutation', 'refresh', 'AuthPayload!'],
		['Query', 'tokenInfo', 'TokenInfo!'],
		['AuthPayload', 'ok', 'Boolean!'],
		['AuthPayload', 'token', 'AccessToken'],
		['AuthPayload', 'error', 'AuthError'],
		['AccessToken', 'accessToken', 'String!'],
		['AccessToken', 'tokenType', 'String!'],
		['AccessToken', 'expiresIn', 'Int!'],
		['AccessToken', 'expiresAt', 'DateTime!'],
		['AccessToken', 'passwordExpiresInDays', 'Int'],
		['AuthError', 'code', 'AuthErrorCode!'],
		['AuthError', 'message', 'String!'],
		['AuthError', 'retryAfterSeconds', 'Int'],
		['TokenInfo', 'valid', 'Boolean!'],
		['TokenInfo', 'expired', 'Boolean!'],
		['TokenInfo', 'issuedAt', 'DateTime'],
		['TokenInfo', 'expiresAt', 'DateTime'],
		['TokenInfo', 'secondsRemaining', 'Int'],
	])('%s.%s is %s', (type, field, expected) => {
		expect(typeString(type, field)).toBe(expected);
	});

	it("takes the arguments graphql/README.md#auth-the-schema names, all required strings, and refresh's optional replacePermanentToken (default false)", () => {
		const mutation = schema.getMutationType()!.getFields();
		expect(mutation.login.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual(['email: String!', 'password: String!']);
		expect(mutation.refresh.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual(['token: String!', 'replacePermanentToken: Boolean']);
		expect(mutation.refresh.args[1].defaultValue).toBe(false);
		const query = schema.getQueryType()!.getFields();
		expect(query.tokenInfo.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual(['token: String!']);
		expect(mutation.login.type).toBeInstanceOf(GraphQLNonNull);
	});

	it('has no upstream URL or other server setting as a client argument', () => {
		const args = Object.values({ ...schema.getMutationType()!.getFields(), ...schema.getQueryType()!.getFields() }).flatMap((field) =>
			field.args.map((arg) => arg.name),
		);
		expect(args.sort()).toEqual(['email', 'password', 'replacePermanentToken', 'token', 'token']);
	});
});

describe('DateTime', () => {
	const dateTime = schema.getType('DateTime') as GraphQLScalarType;

	it('serialises epoch milliseconds and dates as ISO-8601 UTC', () => {
		expect(dateTime.serialize(Date.UTC(2026, 10, 29, 10, 0, 0))).toBe('2026-11-29T10:00:00.000Z');
		expect(dateTime.serialize(new Date('2026-11-29T15:30:00+05:30'))).toBe('2026-11-29T10:00:00.000Z');
	});

	it('refuses invalid dates and non-ISO input', () => {
		expect(() => dateTime.serialize(Number.NaN)).toThrow(/invalid date/);
		expect(() => dateTime.parseValue('29/11/2026')).toThrow(/ISO-8601/);
		expect(dateTime.parseValue('2026-11-29T10:00:00Z')).toEqual(new Date(Date.UTC(2026, 10, 29, 10)));
	});
});

describe('inspectToken', () => {
	it('reads a live token', () => {
		const now = Date.now();
		const info = inspectToken(jwtExpiringIn(600), now);
		expect(info.valid).toBe(true);
		expect(info.expired).toBe(false);
		expect(info.secondsRemaining).toBeGreaterThan(590);
		expect(info.secondsRemaining).toBeLessThanOrEqual(600);
		expect(info.issuedAt).toBeLessThanOrEqual(now);
	});

	it('reports an expired token as expired and not valid, with 0 seconds remaining', () => {
		expect(inspectToken(jwtExpiringIn(-5))).toMatchObject({ valid: false, expired: true, secondsRemaining: 0 });
	});

	it('accepts a pasted "Bearer " prefix', () => {
		expect(inspectToken(`Bearer ${jwtExpiringIn(600)}`).valid).toBe(true);
	});

	it('reports garbage as neither valid nor expired, with no dates', () => {
		expect(inspectToken('not-a-token')).toEqual({ valid: false, expired: false, issuedAt: null, expiresAt: null, secondsRemaining: null });
	});

	it('treats a JWT without exp as valid with unknown expiry', () => {
		expect(inspectToken(unsignedJwt({ sub: '1' }))).toEqual({
			valid: true,
			expired: false,
			issuedAt: null,
			expiresAt: null,
			secondsRemaining: null,
		});
	});
});
