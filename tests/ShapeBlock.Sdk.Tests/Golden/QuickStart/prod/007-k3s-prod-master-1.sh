#!/bin/sh
# k3s server on prod-master-1 (initialises the cluster)
# `up` runs this over SSH as root@${prod-master-1.ipv4}:22.
# Secret values are never written here: they are read from the environment when the script runs.
set -eu

# install k3s v1.33.5+k3s1 (server)
: "${K3S_TOKEN:?set K3S_TOKEN (generated at up (k3s join token of prod))}"
curl -sfL https://get.k3s.io | env INSTALL_K3S_VERSION=v1.33.5+k3s1 K3S_TOKEN="$K3S_TOKEN" sh -s - server --cluster-init --tls-san '${prod-master-1.ipv4}' --advertise-address 10.0.1.11 --disable traefik --write-kubeconfig-mode 0600 --kube-apiserver-arg 'max-requests-inflight=200' --kube-apiserver-arg 'max-mutating-requests-inflight=100' --node-name prod-master-1 --node-ip 10.0.1.11 --flannel-iface enp7s0 --kubelet-arg 'system-reserved=memory=256Mi' --kubelet-arg 'eviction-hard=memory.available<100Mi' --node-label 'shapeblock.io/cluster=prod' --node-label 'shapeblock.io/role=master'
