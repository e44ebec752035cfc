#!/bin/bash
# ShapeBlock SSH test host: a STUB of k3s, not k3s. It records how it was called and leaves the files a real
# server or agent leaves (kubeconfig, join token, agent marker), then exits instead of running a cluster.
# Behaviour, from $SBHOST_DIR/k3s/ (written by the test through SshHost): exit-code, delay-seconds,
# kubeconfig.yaml (copied to the kubeconfig path), version, restart-gate (see below).
set -u
. /etc/sbhost/host.env
"$SBHOST_DIR/bin/sbhost-record" k3s "$@"
behaviour="$SBHOST_DIR/k3s"
version=$(cat "$(dirname "$0")/.k3s-stub-version" 2>/dev/null || cat "$behaviour/version" 2>/dev/null || echo "v1.31.4+k3s1")
cmd=${1:-}
case "$cmd" in
  --version | -v | version)
    printf 'k3s version %s (stub)\ngo version go1.23.4\n' "$version"
    exit 0 ;;
  server | agent) shift ;;
  *)
    echo "k3s stub: '$cmd' is not implemented by the ShapeBlock test host" >&2
    exit 1 ;;
esac

delay=$(cat "$behaviour/delay-seconds" 2>/dev/null || echo 0)
if [ "$delay" != 0 ]; then
  sleep "$delay" # a slow install, so a test can drop the SSH connection in the middle of it
fi
code=$(cat "$behaviour/exit-code" 2>/dev/null || echo 0)
if [ "$code" != 0 ]; then
  echo "k3s stub: failing with exit code $code as the test asked" >&2
  exit "$code"
fi

data=/var/lib/rancher/k3s
mode=0600
kubeconfig=/etc/rancher/k3s/k3s.yaml
token=${K3S_TOKEN:-}
server=${K3S_URL:-}
sans=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data-dir | -d) data=${2:-}; shift ;;
    --data-dir=*) data=${1#*=} ;;
    --write-kubeconfig-mode) mode=${2:-}; shift ;;
    --write-kubeconfig-mode=*) mode=${1#*=} ;;
    --write-kubeconfig | -o) kubeconfig=${2:-}; shift ;;
    --write-kubeconfig=*) kubeconfig=${1#*=} ;;
    --token | -t) token=${2:-}; shift ;;
    --token=*) token=${1#*=} ;;
    --server | -s) server=${2:-}; shift ;;
    --server=*) server=${1#*=} ;;
    --tls-san) sans="$sans ${2:-}"; shift ;;
    --tls-san=*) sans="$sans ${1#*=}" ;;
    --node-ip) sans="$sans ${2:-}"; shift ;;
    --node-ip=*) sans="$sans ${1#*=}" ;;
  esac
  shift
done

# A restart (k3s ran on this host before: the installer run again) with restart-gate on: like a real restart the node
# goes NotReady for a moment. The stub asks for that by writing restart-requested and waits (bounded) until the test
# world removed it (the node is NotReady then); when done it writes restart-finished (the world reports Ready again).
restarting=""
if [ -f "$behaviour/restart-gate" ]; then
  if { [ "$cmd" = server ] && [ -f "$data/server/node-token" ]; } || { [ "$cmd" = agent ] && [ -f "$data/agent/server-url" ]; }; then
    restarting=1
    rm -f "$behaviour/restart-finished"
    echo "$$" > "$behaviour/restart-requested"
    waited=0
    while [ -f "$behaviour/restart-requested" ]; do
      if [ "$waited" -ge 600 ]; then
        echo "k3s stub: the restart was not acknowledged by the test world within 30 s" >&2
        rm -f "$behaviour/restart-requested"
        exit 1
      fi
      sleep 0.05
      waited=$((waited + 1))
    done
  fi
fi

umask 077
if [ "$cmd" = agent ]; then
  if [ -z "$server" ] || [ -z "$token" ]; then
    echo "k3s stub: an agent needs K3S_URL (or --server) and K3S_TOKEN (or --token)" >&2
    exit 1
  fi
  mkdir -p "$data/agent"
  printf '%s\n' "$server" > "$data/agent/server-url"
  if [ -n "$restarting" ]; then touch "$behaviour/restart-finished"; fi
  echo "k3s stub: agent joined $server"
  exit 0
fi

mkdir -p "$data/server" "$(dirname "$kubeconfig")"
if [ -z "$token" ] && [ -f "$data/server/token" ]; then token=$(cat "$data/server/token"); fi
if [ -z "$token" ]; then
  token="K10$(head -c 32 /dev/urandom | sha256sum | cut -c1-48)::server:$(head -c 16 /dev/urandom | sha256sum | cut -c1-32)"
fi
printf '%s\n' "$token" > "$data/server/token"
cp "$data/server/token" "$data/server/node-token"
if [ -n "$server" ]; then printf '%s\n' "$server" > "$data/server/joined-server"; fi
# The serving certificate's SANs, as k3s's dynamic listener keeps them: what it had, plus 127.0.0.1, the node IP and
# every --tls-san of this start (a restart with a new --tls-san adds it; none is ever dropped).
mkdir -p "$data/server/tls"
{
  cat "$data/server/tls/serving-sans" 2>/dev/null || true
  echo 127.0.0.1
  for san in $sans; do echo "$san"; done
} | awk 'NF && !seen[$0]++' > "$data/server/tls/serving-sans.new"
mv "$data/server/tls/serving-sans.new" "$data/server/tls/serving-sans"
if [ -f "$behaviour/kubeconfig.yaml" ]; then
  cp "$behaviour/kubeconfig.yaml" "$kubeconfig"
else
  cat > "$kubeconfig" <<'KUBECONFIG'
apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: c3R1Yg==
    server: https://127.0.0.1:6443
  name: default
contexts:
- context:
    cluster: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    client-certificate-data: c3R1Yg==
    client-key-data: c3R1Yg==
KUBECONFIG
fi
chmod "$mode" "$kubeconfig"
if [ -n "$restarting" ]; then touch "$behaviour/restart-finished"; fi
echo "k3s stub: server ready on $(hostname)"
