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

    /// <summary>Where the k3s installer writes the server's systemd unit (its <c>ExecStart</c> holds the flags).</summary>
    public const string ServerUnitPath = "/etc/systemd/system/k3s.service";

    /// <summary>Prints the server's unit file when k3s is installed as a server; prints nothing otherwise.</summary>
    public const string ReadServerUnit = "if [ -f " + ServerUnitPath + " ]; then cat " + ServerUnitPath + "; fi";

    /// <summary>Removes k3s (server or agent) when present; nothing when it is not.</summary>
    public const string Uninstall =
        "if [ -x /usr/local/bin/k3s-uninstall.sh ]; then /usr/local/bin/k3s-uninstall.sh; fi; " +
        "if [ -x /usr/local/bin/k3s-agent-uninstall.sh ]; then /usr/local/bin/k3s-agent-uninstall.sh; fi; " +
        "if [ -x /usr/local/bin/k3s-uninstall.sh ] || [ -x /usr/local/bin/k3s-agent-uninstall.sh ]; then exit 1; fi";

    /// <summary>
    /// The <c>--tls-san</c> values of a unit file's <c>ExecStart</c> (the installer writes every argument single-quoted,
    /// one per continued line); empty when there is none.
    /// </summary>
    public static IReadOnlyList<string> UnitTlsSans(string unit)
    {
        var start = unit.IndexOf("ExecStart=", StringComparison.Ordinal);
        return start < 0 ? [] : FlagValues(ShellWords(unit[(start + "ExecStart=".Length)..]), "--tls-san");
    }

    /// <summary>Every value of a repeated flag (<c>--tls-san a --tls-san=b</c>).</summary>
    public static IReadOnlyList<string> FlagValues(IReadOnlyList<string> arguments, string flag)
    {
        var values = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == flag && i + 1 < arguments.Count)
            {
                values.Add(arguments[++i]);
            }
            else if (arguments[i].StartsWith(flag + "=", StringComparison.Ordinal))
            {
                values.Add(arguments[i][(flag.Length + 1)..]);
            }
        }

        return values;
    }

    /// <summary>Splits the shell words of one (backslash-continued) command line; it ends at the first unescaped newline.</summary>
    private static List<string> ShellWords(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                if (text[i + 1] == '\n')
                {
                    i++;
                    Flush();
                    continue;
                }

                word.Append(text[++i]);
                inWord = true;
            }
            else if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                end = end < 0 ? text.Length : end;
                word.Append(text, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (c == '\n')
            {
                break;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush();
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }
    }

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
