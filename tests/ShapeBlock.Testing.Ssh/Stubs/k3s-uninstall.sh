#!/bin/bash
# ShapeBlock SSH test host: stand-in for the k3s-uninstall.sh / k3s-agent-uninstall.sh the installer leaves.
# Records the call and removes what the stub installer and stub k3s created.
set -u
. /etc/sbhost/host.env
self=$(basename "$0")
"$SBHOST_DIR/bin/sbhost-record" "$self" "$@"
bin=$(dirname "$0")
service=k3s
if [ "$self" = k3s-agent-uninstall.sh ]; then service=k3s-agent; fi
rm -f "$bin/k3s" "$bin/.k3s-stub-version" "$bin/kubectl" "$bin/crictl" "$bin/ctr" \
  "/etc/systemd/system/$service.service" "/etc/systemd/system/$service.service.env"
rm -rf /etc/rancher/k3s /var/lib/rancher/k3s
rm -f "$0"
echo "k3s stub: uninstalled"
