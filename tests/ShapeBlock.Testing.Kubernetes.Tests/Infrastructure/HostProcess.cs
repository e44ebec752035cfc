using System.Diagnostics;

namespace ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

/// <summary>
/// The standalone server (ShapeBlock.Testing.Kubernetes.Host, built next to the tests) as a child process:
/// started with <c>--port 0 --kubeconfig &lt;tmp&gt; --shapeblock-crds</c>, ready when it prints <c>ready</c>.
/// </summary>
public sealed class HostProcess : IAsyncLifetime
{
    private Process? process;

    public string Kubeconfig { get; } = Path.Combine(Path.GetTempPath(), $"inmemory-host-{Guid.NewGuid():N}.yaml");

    public string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), $"kubectl-cache-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ShapeBlock.Testing.Kubernetes.Host.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--port", "0", "--kubeconfig", Kubeconfig, "--shapeblock-crds", "--simulators", "workloads" })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "ready")
            {
                return;
            }
        }

        throw new InvalidOperationException($"the host exited with {process.ExitCode} before it was ready");
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        File.Delete(Kubeconfig);
        if (Directory.Exists(CacheDirectory))
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
    }
}
