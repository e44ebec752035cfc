namespace ShapeBlock.Operator.Apps;

/// <summary>
/// The clone step's shell script. Its text is a constant: the URL, ref and every other input arrive
/// as environment variables and are only ever expanded inside double quotes, so no value from a spec
/// can become shell syntax. It clones <c>GIT_REF</c> shallowly (branch or tag by name; a commit SHA
/// by fetching it, with a full fetch when the server refuses a shallow fetch of a SHA), writes the
/// resolved commit to <c>RESULT_FILE</c> (the termination message) and, for SSH, builds known_hosts by
/// scanning the URL's own host (or uses the Secret's <c>known_hosts</c> when it has one).
/// </summary>
public static class GitCloneScript
{
    /// <summary>The clone URL.</summary>
    public const string UrlVariable = "GIT_URL";

    /// <summary>Branch, tag or commit to check out; empty for the default branch.</summary>
    public const string RefVariable = "GIT_REF";

    /// <summary>Host to scan for SSH host keys (set for SSH URLs only).</summary>
    public const string SshHostVariable = "GIT_SSH_HOST";

    /// <summary>Port of <see cref="SshHostVariable"/>.</summary>
    public const string SshPortVariable = "GIT_SSH_PORT";

    /// <summary>Path of the mounted private key (SSH credentials).</summary>
    public const string SshKeyFileVariable = "GIT_SSH_KEY_FILE";

    /// <summary>Path of a mounted known_hosts file, used instead of scanning when not empty.</summary>
    public const string KnownHostsFileVariable = "GIT_KNOWN_HOSTS_FILE";

    /// <summary>User name for https (basic-auth credentials).</summary>
    public const string UsernameVariable = "GIT_USERNAME";

    /// <summary>Password or token for https (basic-auth credentials).</summary>
    public const string PasswordVariable = "GIT_PASSWORD";

    /// <summary>Directory the repository is cloned into.</summary>
    public const string SourceDirVariable = "SOURCE_DIR";

    /// <summary><c>uid:gid</c> the source is handed to after cloning (buildpack builds); empty to keep root.</summary>
    public const string SourceOwnerVariable = "SOURCE_OWNER";

    /// <summary><c>true</c> to skip writing the work tree (the resolve step only needs the commit).</summary>
    public const string NoCheckoutVariable = "GIT_NO_CHECKOUT";

    /// <summary>File the resolved commit is written to.</summary>
    public const string ResultFileVariable = "RESULT_FILE";

    /// <summary>HOME of the clone step (git config, ssh files); <c>/tmp/git-home</c> when unset.</summary>
    public const string HomeDirVariable = "HOME_DIR";

    /// <summary>Prefix of the script's own diagnostics (the failure classifier matches on them).</summary>
    public const string MessagePrefix = "shapeblock:";

    /// <summary>The script, run as <c>sh -c &lt;script&gt; git-clone</c>.</summary>
    public const string Script = """
        set -eu
        export HOME="${HOME_DIR:-/tmp/git-home}" GIT_TERMINAL_PROMPT=0
        mkdir -p "$HOME/.ssh"
        chmod 700 "$HOME/.ssh"
        git config --global advice.detachedHead false
        git config --global init.defaultBranch main
        if [ -n "${GIT_SSH_HOST:-}" ]; then
          known="$HOME/.ssh/known_hosts"
          if [ -n "${GIT_KNOWN_HOSTS_FILE:-}" ] && [ -s "$GIT_KNOWN_HOSTS_FILE" ]; then
            cp "$GIT_KNOWN_HOSTS_FILE" "$known"
          else
            ssh-keyscan -T 15 -p "$GIT_SSH_PORT" "$GIT_SSH_HOST" > "$known" 2>/dev/null || true
          fi
          if [ ! -s "$known" ]; then
            echo "shapeblock: error: cannot reach git host $GIT_SSH_HOST port $GIT_SSH_PORT (ssh-keyscan got no host key)" >&2
            exit 128
          fi
          ssh_command="ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$HOME/.ssh/known_hosts"
          if [ -n "${GIT_SSH_KEY_FILE:-}" ]; then
            # A copy with mode 600: ssh refuses a key file that a group can read (fsGroup, defaultMode).
            cp "$GIT_SSH_KEY_FILE" "$HOME/.ssh/id"
            chmod 600 "$HOME/.ssh/id"
            ssh_command="$ssh_command -o IdentitiesOnly=yes -i $HOME/.ssh/id"
          fi
          export GIT_SSH_COMMAND="$ssh_command"
        fi
        if [ -n "${GIT_PASSWORD:-}" ]; then
          git config --global credential.helper '!f() { test "$1" = get || exit 0; printf "username=%s\npassword=%s\n" "${GIT_USERNAME:-git}" "$GIT_PASSWORD"; }; f'
        fi
        src="${SOURCE_DIR:-/workspace/source}"
        ref="${GIT_REF:-}"
        checkout=yes
        if [ "${GIT_NO_CHECKOUT:-}" = true ]; then checkout=no; fi
        is_hex() {
          case "$1" in *[!0-9a-f]*) return 1 ;; esac
          [ "${#1}" -ge 7 ] && [ "${#1}" -le 64 ]
        }
        clone_branch() {
          if [ "$checkout" = yes ]; then
            git clone --depth 1 --no-tags --single-branch "$@" -- "$GIT_URL" "$src"
          else
            git clone --depth 1 --no-tags --single-branch --no-checkout "$@" -- "$GIT_URL" "$src"
          fi
        }
        if [ -z "$ref" ]; then
          clone_branch
          commit="$(git -C "$src" rev-parse HEAD)"
        elif is_hex "$ref"; then
          # A commit SHA (or a hex-named branch): fetch it directly, else the whole history.
          git init -q "$src"
          git -C "$src" remote add origin "$GIT_URL"
          if git -C "$src" fetch -q --depth 1 --no-tags origin "$ref"; then
            commit="$(git -C "$src" rev-parse "FETCH_HEAD^{commit}")"
          else
            echo "shapeblock: $ref cannot be fetched shallowly; fetching the full history" >&2
            git -C "$src" fetch -q --tags origin "+refs/heads/*:refs/remotes/origin/*"
            if ! commit="$(git -C "$src" rev-parse -q --verify "$ref^{commit}")"; then
              echo "shapeblock: error: git ref $ref not found in the repository" >&2
              exit 1
            fi
          fi
          if [ "$checkout" = yes ]; then git -C "$src" checkout -q --detach "$commit"; fi
        else
          clone_branch --branch "$ref"
          commit="$(git -C "$src" rev-parse HEAD)"
        fi
        printf '%s' "$commit" > "${RESULT_FILE:-/dev/termination-log}"
        echo "shapeblock: cloned commit $commit"
        if [ -n "${SOURCE_OWNER:-}" ]; then chown -R "$SOURCE_OWNER" "$src"; fi
        """;

    /// <summary>The container command: <c>/bin/sh -c &lt;script&gt; git-clone</c> (exec form; <c>git-clone</c> is <c>$0</c>).</summary>
    public static IReadOnlyList<string> Command { get; } = ["/bin/sh", "-c", Script, "git-clone"];
}
