# Sourced by .ci/run (bash): ci_use_node puts a Node that package.json's engines accept (>= 22.12) first on PATH.
# Where the system Node is older (these machines have Node 20, past its end of life), it installs Node 24, the
# LTS .nvmrc names, from the npm registry (the node-linux-<arch> package ships the binary) into a cache folder
# outside the clone, $VAW_NODE24_DIR or ~/.cache/vaw-node24, and puts its bin folder first. The system npm then
# runs on that Node, and so does every script it starts. Any failure says what went wrong and returns 1.

ci_node_log() { echo "ci: $*"; }
ci_node_fail() {
  echo "ci: $*" >&2
  return 1
}

# Whether `node` on PATH is at least 22.12 (read from `node --version`, vMAJOR.MINOR.PATCH).
ci_node_new_enough() {
  local version major minor
  version="$(node --version 2>/dev/null)" || return 1
  version="${version#v}"
  major="${version%%.*}"
  minor="${version#*.}"
  minor="${minor%%.*}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  ((major > 22 || (major == 22 && minor >= 12)))
}

ci_use_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    ci_node_fail "no node or npm on PATH: install Node 22.12 or newer (24 is what CI runs), then run .ci/run again"
    return 1
  fi
  if ci_node_new_enough; then
    ci_node_log "using Node $(node --version) ($(command -v node))"
    return 0
  fi
  local arch
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *)
      ci_node_fail "the system Node $(node --version) is older than 22.12, and there is no node-linux package for this machine ($(uname -m)); install Node 24 by hand"
      return 1
      ;;
  esac
  local package="node-linux-$arch"
  local dir="${VAW_NODE24_DIR:-${HOME:-/tmp}/.cache/vaw-node24}"
  local bin="$dir/node_modules/$package/bin"
  if [ ! -x "$bin/node" ] || ! "$bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
    ci_node_log "the system Node $(node --version) is older than 22.12: installing Node 24 from the npm registry ($package@24) into $dir"
    if ! mkdir -p "$dir" || ! npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$package@24"; then
      ci_node_fail "could not install $package@24 from the npm registry into $dir (is the registry reachable?); install Node 24 by hand or set VAW_NODE24_DIR to a writable folder"
      return 1
    fi
  fi
  local version
  if ! version="$("$bin/node" --version 2>&1)" || [[ "$version" != v24.* ]]; then
    ci_node_fail "$bin/node does not run as Node 24 (it said: $version); delete $dir and run .ci/run again"
    return 1
  fi
  export PATH="$bin:$PATH"
  hash -r
  if [ "$(node --version)" != "$version" ]; then
    ci_node_fail "node on PATH is $(command -v node), not $bin/node"
    return 1
  fi
  ci_node_log "using Node $version from $bin"
}
