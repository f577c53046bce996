#!/usr/bin/env bash
# Runs Mamori with its embedded defaults (SQLite, demo data) on http://127.0.0.1:5080.
# Usage: ./run-demo.sh [--port N] [--data DIR]
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prereqs.sh
mamori_require demo
mamori_npm
mamori_log "building Mamori"
dotnet build src/Mamori.Cli -c Release -nologo -v quiet -clp:ErrorsOnly || mamori_die "build failed"
exec dotnet artifacts/bin/Mamori.Cli/release/mamori.dll demo "$@"
