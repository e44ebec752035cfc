#!/bin/bash
# ShapeBlock SSH test host: records one call of a stub tool.
# Usage: sbhost-record <tool> [args...]  (the environment of the call is inherited)
# Writes $SBHOST_DIR/records/<tool>/<n>/{argv,env,meta (user, cwd, started = unix ns)}: argv and env are NUL-separated; secret values
# (tokens, datastore endpoint, anything named *SECRET*/*PASSWORD*) are recorded as sha256:<16 hex>, never in clear.
set -u
. /etc/sbhost/host.env
tool=$1
shift
base="$SBHOST_DIR/records/$tool"
mkdir -p "$base"
n=1
while ! mkdir "$base/$n" 2>/dev/null; do n=$((n + 1)); done # mkdir is atomic: concurrent calls get distinct numbers
if [ $# -gt 0 ]; then printf '%s\0' "$@"; fi > "$base/$n/argv"
env -0 | while IFS= read -r -d '' kv; do
  name=${kv%%=*}
  value=${kv#*=}
  case "$name" in
    K3S_TOKEN | K3S_AGENT_TOKEN | K3S_DATASTORE_ENDPOINT | K3S_CLUSTER_SECRET | *SECRET* | *PASSWORD*)
      printf '%s=sha256:%s\0' "$name" "$(printf '%s' "$value" | sha256sum | cut -c1-16)" ;;
    K3S_* | INSTALL_K3S_*)
      printf '%s\0' "$kv" ;;
  esac
done > "$base/$n/env"
printf 'user=%s\ncwd=%s\nstarted=%s\n' "$(id -un)" "$PWD" "$(date +%s%N)" > "$base/$n/meta"
touch "$base/$n/done" # the record is complete
