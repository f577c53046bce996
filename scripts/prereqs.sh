#!/usr/bin/env bash
# Shared by run-demo.sh and run-tests.sh: makes sure the tools Mamori needs are here.
# As root it installs Debian packages; otherwise it prints the exact command to run.
# Usage: source scripts/prereqs.sh; mamori_require demo|test

mamori_log() { printf '\033[1;34m[mamori]\033[0m %s\n' "$*" >&2; }
mamori_die() { printf '\033[1;31m[mamori] error:\033[0m %s\n' "$*" >&2; exit 1; }

# command -> Debian package that provides it
declare -A MAMORI_PKG_OF=(
  [node]=nodejs [npm]=npm
  [chromium]=chromium [pdftotext]=poppler-utils [pdftoppm]=poppler-utils
  [tshark]=tshark [tcpdump]=tcpdump [ip]=iproute2 [dig]=dnsutils [curl]=curl [openssl]=openssl
  [psql]=postgresql-client
)

mamori_apt_install() {
  local pkgs=("$@")
  [ ${#pkgs[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    mamori_die "missing Debian packages: ${pkgs[*]}
  Install them with:
    sudo apt-get update && sudo apt-get install -y ${pkgs[*]}"
  fi
  mamori_log "installing Debian packages: ${pkgs[*]}"
  if [ ! -f /var/lib/apt/periodic/mamori-updated ] || [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
    apt-get update -qq || mamori_die "apt-get update failed"
    mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/mamori-updated
  fi
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/tmp/mamori-apt.log 2>&1 \
    || { tail -20 /tmp/mamori-apt.log >&2; mamori_die "apt-get install ${pkgs[*]} failed (log: /tmp/mamori-apt.log)"; }
}

# Debian packages that are checked by package name (no single command to probe).
mamori_missing_packages() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]}"
}

mamori_require() {
  local mode=$1 cmds pkgs missing=()
  command -v dotnet >/dev/null 2>&1 || mamori_die "the .NET 10 SDK is not installed (https://learn.microsoft.com/dotnet/core/install/linux-debian)"
  dotnet --list-sdks | grep -q '^10\.' || mamori_die "the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"
  case "$mode" in
    demo) cmds=(node npm); pkgs=(libpcap0.8 fonts-noto-cjk) ;;
    test) cmds=(node npm chromium pdftotext tshark tcpdump ip dig curl openssl)
          pkgs=(libpcap0.8 fonts-noto-cjk postgresql) ;;
  esac
  pkgs+=(ieee-data)  # MAC vendor registry for the device inventory (demo and test)
  local c
  for c in "${cmds[@]}"; do command -v "$c" >/dev/null 2>&1 || missing+=("${MAMORI_PKG_OF[$c]}"); done
  # shellcheck disable=SC2207
  missing+=($(mamori_missing_packages "${pkgs[@]}"))
  # de-duplicate
  # shellcheck disable=SC2207
  missing=($(printf '%s\n' "${missing[@]}" | awk 'NF && !seen[$0]++'))
  mamori_apt_install "${missing[@]}"
}

# Installs the web front-end packages (htmx, Bootstrap, ECharts, SignalR) from npm.
mamori_npm() {
  local dir=src/Mamori.Web
  [ -f "$dir/package.json" ] || return 0
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    mamori_log "installing front-end packages (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || mamori_die "npm ci failed in $dir"
  fi
}
