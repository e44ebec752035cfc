#!/bin/sh
# ShapeBlock SSH test host: a STAND-IN for https://get.k3s.io, not the real installer. POSIX sh, because it is
# run as `curl -sfL <url> | sh -s - <command> <flags>`. It honours the installer's contract:
#   command = first word of "$INSTALL_K3S_EXEC $@" that is not a flag, else agent when K3S_URL is set, else server
#   INSTALL_K3S_SKIP_DOWNLOAD=true  use the k3s binary already at $INSTALL_K3S_BIN_DIR (default /usr/local/bin)
#   otherwise                       "download" = copy the stub k3s from the host's release folder
#   INSTALL_K3S_VERSION             recorded as the installed version
#   INSTALL_K3S_SKIP_START=true     install only
# It writes the systemd unit and its .env file (K3S_* values, mode 0600) like the real one, links kubectl/crictl/ctr,
# leaves k3s-uninstall.sh (or k3s-agent-uninstall.sh), and instead of `systemctl start` runs k3s in the foreground,
# so its exit code is the installer's.
set -e
if [ ! -f /etc/sbhost/host.env ]; then
  echo "[ERROR]  this stand-in installer only runs on ShapeBlock SSH test hosts" >&2
  exit 1
fi
. /etc/sbhost/host.env
"$SBHOST_DIR/bin/sbhost-record" k3s-install.sh "$@"
info() { echo "[INFO]  $*"; }
fatal() {
  echo "[ERROR]  $*" >&2
  exit 1
}
[ "$(id -u)" -eq 0 ] || fatal "You need to be root to perform this install"
BIN_DIR=${INSTALL_K3S_BIN_DIR:-/usr/local/bin}
SYSTEMD_DIR=${INSTALL_K3S_SYSTEMD_DIR:-/etc/systemd/system}

# shellcheck disable=SC2086 # word splitting of INSTALL_K3S_EXEC is the installer's documented behaviour
set -- ${INSTALL_K3S_EXEC:-} "$@"
case "${1:-}" in
  -* | "")
    if [ -z "${K3S_URL:-}" ]; then
      CMD=server
    else
      [ -n "${K3S_TOKEN:-}" ] || [ -n "${K3S_TOKEN_FILE:-}" ] ||
        fatal "Defaulted k3s exec command to 'agent' because K3S_URL is defined, but K3S_TOKEN or K3S_TOKEN_FILE is not defined."
      CMD=agent
    fi ;;
  *)
    CMD=$1
    shift ;;
esac

if [ "${INSTALL_K3S_SKIP_DOWNLOAD:-}" = true ]; then
  [ -x "$BIN_DIR/k3s" ] || fatal "Executable k3s binary not found at $BIN_DIR/k3s"
  info "Skipping k3s download and verify"
else
  info "Using ${INSTALL_K3S_VERSION:-v1.31.4+k3s1} as release"
  info "Downloading binary (stub: copied from the test host's release folder)"
  mkdir -p "$BIN_DIR"
  cp "$SBHOST_DIR/release/k3s" "$BIN_DIR/k3s"
  chmod 755 "$BIN_DIR/k3s"
  printf '%s\n' "${INSTALL_K3S_VERSION:-v1.31.4+k3s1}" > "$BIN_DIR/.k3s-stub-version"
fi
for link in kubectl crictl ctr; do
  [ -e "$BIN_DIR/$link" ] || ln -s k3s "$BIN_DIR/$link"
done

SERVICE=k3s
UNINSTALL=k3s-uninstall.sh
if [ "$CMD" = agent ]; then
  SERVICE=k3s-agent
  UNINSTALL=k3s-agent-uninstall.sh
fi
cp "$SBHOST_DIR/release/k3s-uninstall.sh" "$BIN_DIR/$UNINSTALL"
chmod 755 "$BIN_DIR/$UNINSTALL"
mkdir -p "$SYSTEMD_DIR"
(umask 077 && env | grep -E '^(K3S_|CONTAINERD_)' > "$SYSTEMD_DIR/$SERVICE.service.env" || true)
{
  echo "[Service]"
  echo "EnvironmentFile=-$SYSTEMD_DIR/$SERVICE.service.env"
  printf 'ExecStart=%s %s' "$BIN_DIR/k3s" "$CMD"
  for arg in "$@"; do printf " '%s'" "$arg"; done
  echo
} > "$SYSTEMD_DIR/$SERVICE.service"

if [ "${INSTALL_K3S_SKIP_START:-}" = true ]; then
  info "Skipping start of $SERVICE"
  exit 0
fi
info "systemd: Starting $SERVICE (stub: k3s runs in the foreground)"
exec "$BIN_DIR/k3s" "$CMD" "$@"
