#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when they are missing.
# Usage: scripts/install-deps.sh [build|test]
set -euo pipefail

# libqrencode prints the sheet's QR code; zbar, libspng and libjpeg-turbo read scans back.
packages=(libyaml-dev libsqlite3-dev pkg-config libqrencode-dev libzbar-dev libspng-dev libturbojpeg0-dev)
if [ "${1:-build}" = "test" ]; then
    # The print tests drive a real browser: headless Chromium prints the PDF, poppler reads it back,
    # and the sheets are set in Liberation Sans (Arial's metrics, the clear-print standard), DejaVu
    # Sans where a glyph is missing.
    packages+=(chromium-headless-shell poppler-utils fonts-liberation2 fonts-dejavu-core fonts-dejavu-extra)
    # A throw-away PostgreSQL server on loopback (scripts/pg-test-server.sh) for the shared-log tests.
    packages+=(postgresql openssl)
    # The benchmark scripts, which the suite runs at a small size, read GNU time's peak memory.
    packages+=(time)
fi

# Interoperability tests read what rehab writes with real validators and parsers: JSON Schema
# (jsonschema, with PyYAML for the files), iCalendar (icalendar) and FHIR R4B (fhir.resources).
if [ "${1:-build}" = "test" ] && ! python3 -c "import jsonschema, yaml, icalendar, fhir.resources.R4B" 2>/dev/null; then
    echo "installing Python packages: jsonschema pyyaml icalendar fhir.resources"
    python3 -m pip install --quiet jsonschema pyyaml icalendar fhir.resources
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
