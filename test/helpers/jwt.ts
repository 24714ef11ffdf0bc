/** An unsigned JWT with the given claims: enough for code that decodes without verifying. */
export function unsignedJwt(claims: Record<string, unknown>): string {
	const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode(claims)}.${Buffer.from('signature-bytes').toString('base64url')}`;
}

export function jwtExpiringIn(seconds: number, extra: Record<string, unknown> = {}): string {
	const now = Math.floor(Date.now() / 1000);
	return unsignedJwt({
		iss: 'https://cloudphone.tatateleservices.com/api/v1/auth/login',
		iat: now,
		nbf: now,
		exp: now + seconds,
		sub: '4242',
		jti: 'test',
		...extra,
	});
}
