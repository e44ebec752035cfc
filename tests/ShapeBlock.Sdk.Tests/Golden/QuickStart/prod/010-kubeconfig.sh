#!/bin/sh
# read the kubeconfig from prod-master-1 (API at ${prod-master-1.ipv4}:6443)
# `up` runs this over SSH as root@${prod-master-1.ipv4}:22.
# Secret values are never written here: they are read from the environment when the script runs.
set -eu

# read the admin kubeconfig (a secret output)
cat /etc/rancher/k3s/k3s.yaml
