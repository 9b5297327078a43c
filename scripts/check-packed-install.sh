#!/usr/bin/env bash
# CI: what a user gets from the registry. Packs the package, installs the tarball into an empty prefix with an empty
# npm cache (nothing from this clone is reachable), starts the installed bin in --simulate mode and drives it with
# the scripted example client; then starts it with the README's `npx -y -p ./<tarball> intune-enrollment-mcp` command.
# Prints the packed file list and sizes. Needs a built dist/ (npm run build) and this clone's node_modules (for the
# example client's MCP SDK).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export npm_config_cache="$work/npm-cache" npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

cd "$repo"
test -f dist/index.js || { echo "dist/index.js is missing: run npm run build first" >&2; exit 1; }
npm pack --json --pack-destination "$work" >"$work/pack.json"
node -e '
  const [pack] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`packed ${pack.filename}: ${pack.entryCount} files, ${pack.size} bytes packed, ${pack.unpackedSize} unpacked`);
  for (const file of pack.files) console.log(`  ${String(file.size).padStart(9)}  ${file.path}`);
' "$work/pack.json"
tarball="$(ls "$work"/*.tgz)"

cd "$work"
mkdir prefix
start=$SECONDS
npm install --prefix "$work/prefix" --omit=dev --no-package-lock "$tarball" >/dev/null
installed="$work/prefix/node_modules/intune-enrollment-mcp"
echo "installed into an empty prefix in $((SECONDS - start)) s: $(npm ls --prefix "$work/prefix" --all --parseable 2>/dev/null | tail -n +2 | wc -l) packages, $(du -sh "$work/prefix/node_modules" | cut -f1)"
test ! -e "$installed/src" && test ! -e "$installed/test" || { echo "the package ships src/ or test/" >&2; exit 1; }
# @azure/identity is loaded lazily (never in simulate mode): prove it resolves from the installed package.
(cd "$installed" && node --input-type=module -e "await import('@azure/identity')")
echo "@azure/identity resolves from the installed package"

echo "--- installed bin, --simulate, scripted client"
node "$repo/examples/scripted-client.mjs" --apply -- "$work/prefix/node_modules/.bin/intune-enrollment-mcp" --simulate

# Until the package is on npm, `npx -y intune-enrollment-mcp` answers 404; the README gives this command instead.
# Run exactly as the README shows it (the version filled in), from the folder holding the tarball.
readme_command='npx -y -p ./intune-enrollment-mcp-<version>.tgz intune-enrollment-mcp --simulate'
grep -qF -- "$readme_command" "$repo/README.md" || { echo "README.md no longer shows: $readme_command" >&2; exit 1; }
version="$(node -p 'require(process.argv[1]).version' "$repo/package.json")"
command="${readme_command/<version>/$version}"
test -f "$work/$(basename "$tarball")" && test "$(basename "$tarball")" = "intune-enrollment-mcp-$version.tgz"
echo "--- $command (in the tarball's folder), scripted client"
start=$SECONDS
# shellcheck disable=SC2086 # the command is split into words on purpose, as a shell would
node "$repo/examples/scripted-client.mjs" -- $command
echo "npx run took $((SECONDS - start)) s"
