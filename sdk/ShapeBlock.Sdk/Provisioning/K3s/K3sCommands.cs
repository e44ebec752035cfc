using System.Text;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Rendering;

namespace ShapeBlock.Sdk.Provisioning.K3s;

/// <summary>
/// Turns the plan's k3s <see cref="HostCommand"/>s into remote shell commands. Secret environment values are read
/// from standard input (<c>IFS= read -r K3S_TOKEN</c>) and exported, so they appear on no command line and in no
/// process list; plain values and every flag are single-quoted.
/// </summary>
internal static class K3sCommands
{
    /// <summary>Where k3s keeps the join token on a server (default data dir).</summary>
    public const string TokenPath = "/var/lib/rancher/k3s/server/token";

    /// <summary>Prints the token if this machine is an initialised k3s server; prints nothing otherwise.</summary>
    public const string ReadToken = "if [ -s " + TokenPath + " ]; then cat " + TokenPath + "; fi";

    /// <summary>Prints the admin kubeconfig k3s wrote.</summary>
    public const string ReadKubeconfig = "cat " + K3sSteps.KubeconfigPath;

    /// <summary>Removes k3s (server or agent) when present; nothing when it is not.</summary>
    public const string Uninstall =
        "if [ -x /usr/local/bin/k3s-uninstall.sh ]; then /usr/local/bin/k3s-uninstall.sh; fi; " +
        "if [ -x /usr/local/bin/k3s-agent-uninstall.sh ]; then /usr/local/bin/k3s-agent-uninstall.sh; fi; " +
        "if [ -x /usr/local/bin/k3s-uninstall.sh ] || [ -x /usr/local/bin/k3s-agent-uninstall.sh ]; then exit 1; fi";

    /// <summary>The shell text of one host command, and the secret values to feed on standard input (in order).</summary>
    public static (string Script, IReadOnlyList<string> Stdin) Render(HostCommand command, Func<HostEnv, string> secretValue)
    {
        var script = new StringBuilder("set -e; ");
        var stdin = new List<string>();
        foreach (var env in command.Environment.Where(e => e.Secret is not null))
        {
            script.Append("IFS= read -r ").Append(env.Name).Append("; export ").Append(env.Name).Append("; ");
            stdin.Add(secretValue(env));
        }

        if (command.StdinUrl is not null)
        {
            // pipefail is not POSIX: check the download separately so a failed fetch is not hidden by the pipe.
            script.Append("installer=$(curl -sfL ").Append(ShellScript.Quote(command.StdinUrl)).Append(") || { echo 'cannot download the k3s installer from ")
                .Append(command.StdinUrl.Replace("'", "", StringComparison.Ordinal)).Append("' >&2; exit 97; }; ");
            script.Append("printf '%s\\n' \"$installer\" | ");
        }

        var plain = command.Environment.Where(e => e.Secret is null).ToList();
        if (plain.Count > 0)
        {
            script.Append("env");
            foreach (var env in plain)
            {
                script.Append(' ').Append(env.Name).Append('=').Append(ShellScript.Quote(env.Value ?? ""));
            }

            script.Append(' ');
        }

        script.Append(ShellScript.Quote(command.Program));
        foreach (var argument in command.Arguments)
        {
            script.Append(' ').Append(ShellScript.Quote(argument));
        }

        return (script.ToString(), stdin);
    }
}
