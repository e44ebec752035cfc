using System.Text;
using ShapeBlock.Sdk.Planning;

namespace ShapeBlock.Sdk.Rendering;

/// <summary>
/// Writes a <see cref="HostScript"/> as a POSIX shell script: every value single-quoted, secret values read
/// from the environment of whoever runs it (<c>${K3S_TOKEN:?…}</c>), never written into the file.
/// </summary>
public static class ShellScript
{
    /// <summary>Renders the script.</summary>
    /// <param name="script">The host commands.</param>
    /// <param name="title">A comment line at the top.</param>
    /// <returns>The script text.</returns>
    public static string Render(HostScript script, string title)
    {
        ArgumentNullException.ThrowIfNull(script);
        var text = new StringBuilder();
        text.Append("#!/bin/sh\n");
        text.Append("# ").Append(title).Append('\n');
        text.Append("# `up` runs this over SSH as ").Append(script.User).Append('@').Append(script.Address).Append(':').Append(script.Port).Append(".\n");
        text.Append("# Secret values are never written here: they are read from the environment when the script runs.\n");
        text.Append("set -eu\n");
        foreach (var command in script.Commands)
        {
            text.Append('\n').Append("# ").Append(command.Description).Append('\n');
            foreach (var env in command.Environment.Where(e => e.Secret is not null))
            {
                text.Append(": \"${").Append(env.Name).Append(":?set ").Append(env.Name).Append(" (").Append(env.Secret!.Description).Append(")}\"\n");
            }

            var line = new StringBuilder();
            if (command.StdinUrl is not null)
            {
                line.Append("curl -sfL ").Append(Quote(command.StdinUrl)).Append(" | ");
            }

            if (script.Sudo)
            {
                line.Append("sudo ");
            }

            if (command.Environment.Count > 0)
            {
                line.Append("env ");
                foreach (var env in command.Environment)
                {
                    line.Append(env.Name).Append('=').Append(env.Secret is null ? Quote(env.Value ?? "") : $"\"${env.Name}\"").Append(' ');
                }
            }

            line.Append(Quote(command.Program));
            foreach (var argument in command.Arguments)
            {
                line.Append(' ').Append(Quote(argument));
            }

            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Quotes one word for a POSIX shell: plain words stay as they are, anything else is single-quoted.</summary>
    /// <param name="word">The word.</param>
    /// <returns>The quoted word.</returns>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or ',' or '+' or '@' or '%'))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
