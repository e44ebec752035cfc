using System.Diagnostics;
using System.Text;
using ShapeBlock.Sdk.Cli;

namespace ShapeBlock.Sdk.Tests.Engine;

/// <summary>
/// Ctrl-C the way a user sends it: SIGINT to a real process (examples/ExistingCluster, built next to the tests) running
/// <c>up</c> against the in-memory API server, then <c>up</c> again. The in-process tests cancel a token; this one also
/// checks the signal reaches that token through System.CommandLine and the process ends with its own message in time.
/// </summary>
public sealed class ProcessInterruptTests : IAsyncLifetime
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private EngineHarness harness = null!;

    public async Task InitializeAsync() => harness = await EngineHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Sigint_during_up_exits_130_with_how_to_finish_and_the_next_up_converges()
    {
        // The build is held at Building: up is waiting for it when the signal comes.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Operator.BuildGate = gate;
        using var up = Start("up", "--yes");
        await harness.Server.Watches.WaitForAsync(1, "appbuilds", TimeSpan.FromSeconds(60));

        using (var kill = Process.Start("kill", ["-INT", up.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        var interrupted = await up.WaitAsync();

        Assert.True(interrupted.ExitCode == ExitCodes.Interrupted, interrupted.ToString());
        Assert.Contains("error: interrupted: 'up' stopped before it finished; run it again to finish the job", interrupted.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Applied:", interrupted.Output, StringComparison.Ordinal);

        gate.SetResult();
        using var again = Start("up", "--yes");
        var finished = await again.WaitAsync();
        Assert.True(finished.ExitCode == ExitCodes.Ok, finished.ToString());
        Assert.Contains("ready at https://hello.apps.example.com", finished.Output, StringComparison.Ordinal);

        harness.Server.Faults.Requests.Reset();
        using var third = Start("up", "--yes");
        Assert.Equal(ExitCodes.Ok, (await third.WaitAsync()).ExitCode);
        Assert.Equal(0, harness.Server.Faults.Requests.Writes());
        Assert.DoesNotContain(EngineHarness.KubeToken, interrupted.ToString() + finished, StringComparison.Ordinal);
    }

    private Child Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ExistingCluster.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG_PATH"] = harness.KubeconfigPath;
        start.Environment.Remove("KUBECONFIG_CONTENT");
        start.Environment.Remove("KUBE_CONTEXT");
        start.Environment.Remove("BASE_DOMAIN");
        return new Child(Process.Start(start) ?? throw new InvalidOperationException("could not start ExistingCluster"));
    }

    private sealed class Child : IDisposable
    {
        private readonly StringBuilder output = new();
        private readonly StringBuilder error = new();
        private readonly Task reading;

        public Child(Process process)
        {
            Process = process;
            reading = Task.WhenAll(Copy(process.StandardOutput, output), Copy(process.StandardError, error));
        }

        public Process Process { get; }

        public async Task<Finished> WaitAsync()
        {
            using var timeout = new CancellationTokenSource(ExitTimeout);
            try
            {
                await Process.WaitForExitAsync(timeout.Token);
                await reading.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Process.Kill(entireProcessTree: true);
                throw new TimeoutException($"the process did not end within {ExitTimeout}:\n{output}\n{error}");
            }

            return new Finished(Process.ExitCode, output.ToString(), error.ToString());
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }

        private static async Task Copy(StreamReader reader, StringBuilder into)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (into)
                {
                    into.Append(line).Append('\n');
                }
            }
        }
    }

    private sealed record Finished(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }
}
