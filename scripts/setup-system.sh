#!/usr/bin/env bash
# Installs the Debian packages madoguchi needs for its tests and hardware drivers.
# Idempotent: does nothing when everything is present. As root it installs what is
# missing with apt-get; otherwise it prints the exact command to run and carries on
# (tests that need a missing package then fail with a clear message).
set -euo pipefail

# package -> why
declare -A WHY=(
  [chromium]="headless browser for the page tests (playwright-core launches /usr/bin/chromium)"
  [fonts-ipafont-gothic]="Japanese glyphs in screenshots and rendered tickets"
  [fonts-nanum]="Korean glyphs for the kiosk's 한국어 pages in screenshots"
  [fonts-wqy-microhei]="Simplified Chinese glyphs for the kiosk's 中文 pages in screenshots"
  [libusb-1.0-0]="runtime library node-hid needs for USB call buttons"
  [espeak-ng]="voice clips for lobby displays without a Japanese voice"
  [openssl]="the test push service's self-signed certificate (Web Push is sent over HTTPS only)"
)
PKGS=(chromium fonts-ipafont-gothic fonts-nanum fonts-wqy-microhei libusb-1.0-0 espeak-ng openssl)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all system packages present (${PKGS[*]})"
  exit 0
fi

echo "setup-system: missing: ${missing[*]}"
for p in "${missing[@]}"; do echo "  - $p: ${WHY[$p]}"; done

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-system: not root; install them with:"
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-system: installed ${missing[*]}"
