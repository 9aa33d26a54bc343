#!/usr/bin/env bash
# Makes this machine ready to build zoning: installs the Debian packages it needs when they
# are missing, and puts Swift on PATH. Sourced by Scripts/run.sh and Scripts/test.sh; safe to
# run again (it does nothing when all is in place).
#
#   Scripts/setup.sh            # C libraries for building and testing
#   ZONING_APT_EXTRA="gdal-bin" Scripts/setup.sh   # and more packages
set -euo pipefail

zoning_packages=(pkg-config libgeos-dev libproj-dev proj-data libshp-dev libpq-dev libssl-dev libgdal-dev zlib1g-dev ${ZONING_APT_EXTRA:-})

missing=()
for package in "${zoning_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "zoning setup: installing ${missing[*]}" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "zoning setup: run as root, or install: ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        export PATH="/opt/swift/usr/bin:$PATH"
    else
        echo "zoning setup: Swift 6 is not installed; get it from swift.org (Debian 12 toolchain) and put it on PATH" >&2
        exit 1
    fi
fi
