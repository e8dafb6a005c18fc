#!/usr/bin/env bash
# Installs the Debian 12 packages ims-mediasec needs, only those missing (idempotent, no prompts).
# Debian's ns-3 CMake config also needs ns3, libgsl-dev, libsqlite3-dev, libxml2-dev and
# libpython3-dev, or find_package(ns3) fails (see doc/build.md).
set -euo pipefail
packages=(cmake g++ make pkg-config libns3-dev ns3 libgsl-dev libsqlite3-dev libxml2-dev
          libpython3-dev libsrtp2-dev libssl-dev libboost-program-options-dev libgtest-dev
          tshark python3 python3-cryptography)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
