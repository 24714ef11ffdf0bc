#!/usr/bin/env bash
# The end-to-end suites on each n8n version of the matrix, one after the other (one n8n at a time).
#   N8N_VERSIONS   space-separated versions (default: the newest 2.x and 1.x the npm registry serves)
#   extra arguments go to jest (e.g. a test file)
# The package is packed once (prepack builds it) and every suite installs that tarball (SMARTFLO_E2E_TARBALL).
set -euo pipefail
cd "$(dirname "$0")/../.."

pack_dir="$(mktemp -d)"
trap 'rm -rf "$pack_dir"' EXIT
echo "== npm pack"
npm pack --silent --pack-destination "$pack_dir" >&2
tarballs=("$pack_dir"/*.tgz)
export SMARTFLO_E2E_TARBALL="${tarballs[0]}"

N8N_VERSIONS="${N8N_VERSIONS:-2.41.3 1.123.81}"
for version in $N8N_VERSIONS; do
	echo "== n8n $version"
	N8N_VERSION="$version" bash test/e2e/install-n8n.sh > /dev/null
	N8N_VERSION="$version" node --experimental-vm-modules --disable-warning=ExperimentalWarning \
		node_modules/jest/bin/jest.js -c test/e2e/jest.config.js --runInBand "$@"
done
