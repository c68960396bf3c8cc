#!/usr/bin/env bash
# Rebuilds assets/icc/FOGRA39L-argyll.icc, lehtinen's default CMYK output profile, from Fogra's FOGRA39L
# characterisation data as Debian's icc-profiles-free ships it (Zlib licence), with ArgyllCMS colprof.
#   apt-get install argyll icc-profiles-free
# The profile is committed so that builds need neither package; run this only to remake it.
set -euo pipefail
cd "$(dirname "$0")/.."
ti3=$(dpkg -L icc-profiles-free | grep '/FOGRA39L.ti3$')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$ti3" "$work/FOGRA39L.ti3"
# -qm: medium quality tables (the profile is ~250 kB; -qh gives no visible gain for flat brand colours).
(cd "$work" && colprof -qm -D "FOGRA39 (ArgyllCMS colprof from FOGRA39L.ti3)" \
  -C "Characterisation data FOGRA39L (Fogra) from icc-profiles-free, Zlib licence" -O fogra39.icc FOGRA39L)
cp "$work/fogra39.icc" assets/icc/FOGRA39L-argyll.icc
echo "wrote assets/icc/FOGRA39L-argyll.icc"
