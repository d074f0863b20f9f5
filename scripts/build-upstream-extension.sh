#!/usr/bin/env bash
# Builds upstream's own Virtualization Management list (rancher/dashboard's pkg/harvester-manager)
# as a UI extension, for the bench's third flavour (BENCH_UPSTREAM_PKG, see README.md "bench").
# Upstream's code is exported into OUT_DIR, outside this repository, and never committed here.
#
#   scripts/build-upstream-extension.sh OUT_DIR [MIRROR_GIT_DIR] [REF]
#
#   OUT_DIR         where the export and its build go, e.g. /work/upstream-hm (created; must be
#                   outside this repository)
#   MIRROR_GIT_DIR  a clone (bare or not) of https://github.com/rancher/dashboard
#                   (default: /work/.mirror/rancher+dashboard/repo)
#   REF             commit or tag to export (default: shell-pkg-v<our @rancher/shell version>,
#                   the release whose shell/package.json matches ours)
#
# Prints the build's folder: OUT_DIR/dist-pkg/harvester-manager-<version> (pass it as
# BENCH_UPSTREAM_PKG=… or HM_EXTENSION_DIR=…).
#
# What is added around upstream's files (build environment only, its behaviour is unchanged):
# - a minimal extension skeleton (package.json on our @rancher/shell, node_modules linked to ours),
#   as the shell's create-app skeleton makes, with the package under pkg/harvester-manager;
# - process.env.UI_EXTENSIONS_API_VERSION defined as the shell version, as the dashboard's own
#   build defines it for the built-in package (shell/vue.config.js), through a vue.config.js
#   outside the package (VUE_CLI_SERVICE_CONFIG_PATH) that wraps upstream's unchanged one;
# - no type check during the build (its tsconfig.json points at the mono-repo's ../../shell).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_DIR="${1:?usage: $0 OUT_DIR [MIRROR_GIT_DIR] [REF]}"
MIRROR="${2:-/work/.mirror/rancher+dashboard/repo}"
SHELL_VERSION="$(node -p "require('$ROOT/node_modules/@rancher/shell/package.json').version")"
REF="${3:-shell-pkg-v$SHELL_VERSION}"
PKG=harvester-manager

mkdir -p "$OUT_DIR"
OUT_DIR="$(cd "$OUT_DIR" && pwd -P)"
case "$OUT_DIR/" in
  "$(cd "$ROOT" && pwd -P)/"*) echo "OUT_DIR must be outside this repository (upstream's code is never committed here)" >&2; exit 2 ;;
esac

COMMIT="$(git --git-dir="$MIRROR" rev-parse --verify "$REF^{commit}")"
UPSTREAM_SHELL="$(git --git-dir="$MIRROR" show "$COMMIT:shell/package.json" | node -p "JSON.parse(require('fs').readFileSync(0, 'utf8')).version")"

echo "rancher/dashboard $REF = $COMMIT (its shell $UPSTREAM_SHELL, ours $SHELL_VERSION)" >&2
if [ "$UPSTREAM_SHELL" != "$SHELL_VERSION" ]; then
  echo "warning: upstream's shell at $REF is $UPSTREAM_SHELL, not ours ($SHELL_VERSION)" >&2
fi

# upstream's package, exactly as committed
rm -rf "$OUT_DIR/pkg" "$OUT_DIR/dist-pkg"
mkdir -p "$OUT_DIR/pkg"
git --git-dir="$MIRROR" archive "$COMMIT" "pkg/$PKG" | tar -x -C "$OUT_DIR"
echo "$COMMIT" > "$OUT_DIR/UPSTREAM_COMMIT"

# the skeleton around it
cat > "$OUT_DIR/package.json" <<EOF
{
  "name": "upstream-harvester-manager-build",
  "version": "0.0.0",
  "private": true,
  "description": "rancher/dashboard pkg/$PKG at $REF ($COMMIT), built as an extension",
  "dependencies": { "@rancher/shell": "$SHELL_VERSION" }
}
EOF
ln -sfn "$ROOT/node_modules" "$OUT_DIR/node_modules"
cp "$ROOT/babel.config.js" "$OUT_DIR/babel.config.js"
cat > "$OUT_DIR/upstream-vue.config.js" <<'EOF'
// Upstream's own pkg vue.config.js, unchanged, plus the one define the dashboard build gives its built-in packages.
const path = require('path');
const webpack = require('webpack');
const dir = path.join(__dirname, 'pkg', 'harvester-manager');
const config = require(path.join(dir, 'vue.config.js'));
const shellVersion = require(path.join(dir, '.shell', 'package.json')).version;
const configure = config.configureWebpack;
const chain = config.chainWebpack;

// Type checking only: upstream's tsconfig.json points at the mono-repo's ../../shell, absent here.
config.chainWebpack = (context) => {
  chain(context);
  context.plugins.delete('fork-ts-checker');
};
config.configureWebpack = (webpackConfig) => {
  configure(webpackConfig);
  webpackConfig.plugins.push(new webpack.DefinePlugin({ 'process.env.UI_EXTENSIONS_API_VERSION': JSON.stringify(shellVersion) }));
};

module.exports = config;
EOF

# the shell's own extension build, as `npm run build-pkg` runs it (BASE_DIR is the working folder)
cd "$OUT_DIR"
NODE_ENV=production VUE_CLI_SERVICE_CONFIG_PATH="$OUT_DIR/upstream-vue.config.js" \
  bash "$OUT_DIR/node_modules/@rancher/shell/scripts/build-pkg.sh" "$PKG" >&2

VERSION="$(node -p "require('$OUT_DIR/pkg/$PKG/package.json').version")"
BUILT="$OUT_DIR/dist-pkg/$PKG-$VERSION"

test -f "$BUILT/$PKG-$VERSION.umd.min.js" || { echo "no $BUILT/$PKG-$VERSION.umd.min.js" >&2; exit 1; }

# The catalog annotations its UIPlugin would carry: upstream's own (package.json rancher.annotations)
# plus the extension API range, without which the shell refuses to load an extension
# (shouldNotLoadPlugin: plugins.error.apiAnnotationMissing); upstream ships this package built into
# the dashboard, where no annotation is asked for. Written where HM_EXTENSION_DIR reads them.
node -e '
  const fs = require("fs");
  const [built, source, shellVersion] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync(built, "utf8"));
  const own = (JSON.parse(fs.readFileSync(source, "utf8")).rancher || {}).annotations || {};
  const major = shellVersion.split(".")[0];
  pkg.rancher = { annotations: { ...own, "catalog.cattle.io/ui-extensions-version": `>= ${ major }.0.0 < ${ +major + 1 }.0.0` } };
  fs.writeFileSync(built, JSON.stringify(pkg, null, 2) + "\n");
' "$BUILT/package.json" "$OUT_DIR/pkg/$PKG/package.json" "$SHELL_VERSION"
echo "$BUILT"
