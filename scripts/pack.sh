#!/usr/bin/env bash
# Packs every packable project of the solution (a csproj that sets <IsPackable>true</IsPackable>) in Release.
# Usage: bash scripts/pack.sh [output folder, default artifacts/packages]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/packages}")
mkdir -p "$out"

mapfile -t projects < <(dotnet sln ShapeBlock.sln list | grep -E '\.csproj$' | tr '\\' '/' | sort \
  | while read -r p; do grep -qs '<IsPackable>true</IsPackable>' "$p" && echo "$p"; done)
if [ "${#projects[@]}" -eq 0 ]; then
  echo "no packable project found in ShapeBlock.sln" >&2
  exit 1
fi

for p in "${projects[@]}"; do
  echo "packing $p"
  dotnet pack "$p" -c Release -o "$out" --nologo -v quiet
done
ls -1 "$out"/*.nupkg "$out"/*.snupkg 2>/dev/null | sed "s|^$out/|  |"
