using System.Diagnostics;
using System.Text;

namespace ShapeBlock.Packaging.Tests;

/// <summary>What a finished child process did.</summary>
/// <param name="CommandLine">The command, for messages.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
/// <param name="Elapsed">How long it ran.</param>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The command, its exit code and its output: what an assertion message needs.</summary>
    public override string ToString() => $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:F0}s:\n{Output}";
}

/// <summary>Runs dotnet and bash children with a deadline, captured output and a controlled environment.</summary>
public static class ChildProcess
{
    /// <summary>Runs a program to the end or kills its process tree at the deadline.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="timeout">The deadline.</param>
    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    /// <returns>Exit code and output.</returns>
    /// <exception cref="TimeoutException">The deadline passed; the message holds the output so far.</exception>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The test host runs inside `dotnet test`: its MSBuild variables would point a child build at the host's
        // MSBuild state. Node reuse would leave build servers holding our output pipes after the child exits.
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var commandLine = fileName + " " + string.Join(' ', startInfo.ArgumentList);
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.Start();
        process.StandardInput.Close();
        var pumps = Task.WhenAll(Pump(process.StandardOutput, output), Pump(process.StandardError, output));

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:F0}s; output so far:\n{Snapshot(output)}");
        }

        // A grandchild that outlives the child (a compiler server) may hold the pipes: take what arrived.
        await Task.WhenAny(pumps, Task.Delay(TimeSpan.FromSeconds(10)));
        return new ProcessResult(commandLine, process.ExitCode, Snapshot(output), stopwatch.Elapsed);
    }

    private static async Task Pump(StreamReader reader, StringBuilder sink)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (sink)
            {
                sink.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder sink)
    {
        lock (sink)
        {
            return sink.ToString();
        }
    }
}
