#!/bin/sh
# k3s agent on prod-workers-1
# `up` runs this over SSH as root@${prod-workers-1.ipv4}:22.
# Secret values are never written here: they are read from the environment when the script runs.
set -eu

# install k3s v1.33.5+k3s1 (agent)
: "${K3S_TOKEN:?set K3S_TOKEN (generated at up (k3s join token of prod))}"
curl -sfL https://get.k3s.io | env INSTALL_K3S_VERSION=v1.33.5+k3s1 K3S_TOKEN="$K3S_TOKEN" K3S_URL=https://10.0.1.11:6443 sh -s - agent --node-name prod-workers-1 --node-ip 10.0.2.11 --flannel-iface enp7s0 --kubelet-arg 'system-reserved=memory=256Mi' --kubelet-arg 'eviction-hard=memory.available<100Mi' --node-label 'shapeblock.io/cluster=prod' --node-label 'shapeblock.io/role=worker' --node-label 'shapeblock.io/pool=workers'
