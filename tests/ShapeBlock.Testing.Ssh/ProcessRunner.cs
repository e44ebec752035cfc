using System.Diagnostics;
using System.Text;

namespace ShapeBlock.Testing.Ssh;

/// <summary>The result of a finished process.</summary>
/// <param name="ExitCode">Exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs short helper programs (ip, ssh-keygen, nsenter) with a deadline and captured output.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? standardInput = null, TimeSpan? timeout = null)
    {
        using var process = new Process();
        process.StartInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            process.StartInfo.ArgumentList.Add(argument);
        }

        process.Start();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not finish in time");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Runs and throws with the command line and stderr when the exit code is not 0.</summary>
    public static async Task<ProcessResult> CheckAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken, string? standardInput = null)
    {
        var list = arguments.ToList();
        var result = await RunAsync(fileName, list, cancellationToken, standardInput);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                new StringBuilder().Append(fileName).Append(' ').AppendJoin(' ', list).Append(" failed with exit code ").Append(result.ExitCode)
                    .Append(": ").Append(result.StandardError.Trim()).ToString());
        }

        return result;
    }
}
