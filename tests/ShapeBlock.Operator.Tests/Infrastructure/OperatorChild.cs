using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ShapeBlock.Operator.Tests.Infrastructure;

/// <summary>The operator as a separate process (its build output next to the tests), with leader election on.</summary>
public sealed class OperatorChild : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly Uri health;

    private OperatorChild(Process process, Uri health)
    {
        this.process = process;
        this.health = health;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Output => [.. output];

    public static OperatorChild Start(string kubeconfig, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet, [OperatorAssembly()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["KUBECONFIG"] = kubeconfig,
                ["OPERATOR_NAMESPACE"] = "shapeblock",
                ["HEALTH_ADDRESS"] = $"http://127.0.0.1:{port}/",
                ["LEADER_ELECTION"] = "true",
                ["LOG_LEVEL"] = "Information",
            },
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new OperatorChild(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async Task WaitReadyAsync(TimeSpan bound)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var timeout = new CancellationTokenSource(bound);
        while (true)
        {
            Assert.False(process.HasExited, "the operator process exited:\n" + string.Join("\n", output));
            try
            {
                if ((await http.GetAsync(new Uri(health, "readyz"), timeout.Token)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
                // one slow answer: ask again
            }

            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("the operator process did not become ready:\n" + string.Join("\n", output));
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, the lease stays held.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "the operator process did not die");
    }

    /// <summary>SIGTERM, as the kubelet sends it; returns the exit code (bounded wait).</summary>
    public async Task<int> TerminateAsync(TimeSpan bound)
    {
        Assert.Equal(0, SendSignal(process.Id, 15));
        using var timeout = new CancellationTokenSource(bound);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>Waits (bounded) for the process to end by itself; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    /// <summary>The operator's own build output (same configuration as the tests; built with them as a project reference).</summary>
    private static string OperatorAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)); // .../bin/Debug/net10.0
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ShapeBlock.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var path = Path.Combine(root.FullName, "operator", "ShapeBlock.Operator", "bin", output.Parent!.Name, output.Name, "shapeblock-operator.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build operator/ShapeBlock.Operator");
        return path;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
