const { src, dest } = require('gulp');

// tsc does not copy assets: node and credential icons must sit next to the compiled files in dist/.
function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false, // gulp 5 reads UTF-8 by default, which corrupts PNG bytes
		allowEmpty: true,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
exports.default = buildIcons;
