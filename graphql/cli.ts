#!/usr/bin/env node
// The bin. The Node version is checked before anything loads undici, which needs Node 22 and fails
// on older versions with an unreadable stack trace.
const MINIMUM_NODE_MAJOR = 22;

const major = Number(process.versions.node.split('.')[0]);
if (major < MINIMUM_NODE_MAJOR) {
	process.stderr.write(`smartflo-graphql needs Node.js ${MINIMUM_NODE_MAJOR} or newer; this is ${process.version}.\n`);
	process.exit(1);
} else {
	import('./command.js')
		.then(({ main }) => main(process.argv.slice(2)))
		.catch((error: unknown) => {
			process.stderr.write(`smartflo-graphql: failed to start (${error instanceof Error ? error.message : 'unknown error'}).\n`);
			process.exit(1);
		});
}
export {};
