using System.Diagnostics;
using System.Text;

namespace ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

/// <summary>Runs kubectl against a kubeconfig, every run bounded in time.</summary>
public sealed class Kubectl(HostProcess host)
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public Result Ok()
        {
            Assert.True(ExitCode == 0, $"kubectl failed ({ExitCode}): {Err}{Out}");
            return this;
        }
    }

    public async Task<Result> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var process = Start(args, stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    public Task<Result> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Starts a long-running kubectl (e.g. <c>get -w</c>) whose output lines are collected.</summary>
    public Streaming Stream(params string[] args) => new(Start(args, stdin: false));

    private Process Start(string[] args, bool stdin)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(host.Kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(host.CacheDirectory);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
    }

    public sealed class Streaming : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder seen = new();

        internal Streaming(Process process) => this.process = process;

        /// <summary>Reads output lines until one matches (bounded).</summary>
        public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? timeout = null)
        {
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            try
            {
                while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
                {
                    seen.AppendLine(line);
                    if (match(line))
                    {
                        return line;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            throw new TimeoutException($"no matching line; kubectl printed:\n{seen}");
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}
