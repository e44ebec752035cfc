using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ShapeBlock.Bench;

/// <summary>The operator as a child process (the NativeAOT binary, or the JIT build in short mode) against a kubeconfig.</summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly TaskCompletionSource<string> startupLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OperatorProcess(Process process, Uri health)
    {
        this.process = process;
        Health = health;
    }

    public Uri Health { get; }

    public int Id => process.Id;

    /// <summary>Where the operator binary is: <c>$SHAPEBLOCK_OPERATOR_BINARY</c>, else the AOT publish under artifacts/ (published when missing or older than a source file of the operator: a stale binary would measure old code), else the JIT build in short mode.</summary>
    public static async Task<string[]> LocateAsync(string repository, bool shortMode, CancellationToken cancellationToken)
    {
        // An explicit binary (e.g. a wrapper that sets DOTNET_* GC variables and execs the operator) for experiments.
        if (Environment.GetEnvironmentVariable("SHAPEBLOCK_OPERATOR_BINARY") is { Length: > 0 } explicitBinary)
        {
            return [explicitBinary];
        }

        var aot = Path.Combine(repository, "artifacts", "operator", "shapeblock-operator");
        if (File.Exists(aot) && File.GetLastWriteTimeUtc(aot) >= NewestSource(repository))
        {
            return [aot];
        }

        if (shortMode)
        {
            var jit = Path.Combine(repository, "operator", "ShapeBlock.Operator", "bin", "Debug", "net10.0", "shapeblock-operator.dll");
            return File.Exists(jit) ? ["dotnet", jit] : throw new FileNotFoundException("build the solution first", jit);
        }

        Console.WriteLine("  publishing the NativeAOT operator to artifacts/operator (missing, or older than its sources) ...");
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(repository, "operator", "ShapeBlock.Operator"), "-c", "Release", "-o", Path.GetDirectoryName(aot)!, "-v", "quiet"]))!;
        await publish.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return publish.ExitCode == 0 ? [aot] : throw new InvalidOperationException("dotnet publish of the operator failed");
    }

    /// <summary>The newest write time of the files the operator binary is built from.</summary>
    private static DateTime NewestSource(string repository)
    {
        string[] roots = [Path.Combine(repository, "operator"), Path.Combine(repository, "sdk", "ShapeBlock.Api")];
        var sources = roots
            .SelectMany(root => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(repository, "Directory.*.props"));
        return sources.Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max();
    }

    /// <summary>Starts the operator; at <paramref name="logLevel"/> Information only its warnings, errors and start-up line are shown.</summary>
    public static OperatorProcess Start(string[] command, string kubeconfig, TimeSpan resync, string logLevel = "Warning")
    {
        var port = FreePort();
        var info = new ProcessStartInfo(command[0], command.Skip(1))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["KUBECONFIG"] = kubeconfig,
                ["OPERATOR_NAMESPACE"] = "shapeblock",
                ["HEALTH_ADDRESS"] = $"http://127.0.0.1:{port}/",
                ["LEADER_ELECTION"] = "false",
                ["RESYNC_PERIOD"] = ((int)resync.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                ["LOG_LEVEL"] = logLevel,
            },
        };
        HostRuntime.KeepFromChild(info);
        var process = Process.Start(info)!;
        var started = new OperatorProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        // LOG_LEVEL=Warning: anything the operator prints is worth seeing; at Information the routine lines are not.
        void Print(string? line)
        {
            if (line is null)
            {
                return;
            }

            if (line.Contains(" info: ", StringComparison.Ordinal))
            {
                if (line.Contains("Caches synced", StringComparison.Ordinal))
                {
                    started.startupLine.TrySetResult(line);
                }

                return;
            }

            Console.Error.WriteLine("  operator: " + line);
        }

        process.OutputDataReceived += (_, e) => Print(e.Data);
        process.ErrorDataReceived += (_, e) => Print(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The operator's "Caches synced" log line (Information level), or null when it did not come within the bound.</summary>
    public async Task<string?> StartupLineAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        try
        {
            return await startupLine.Task.WaitAsync(bound, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// CPU time of the operator's live threads in ms, to the nanosecond (the first field of each
    /// /proc/PID/task/TID/schedstat; threads that have ended are missing, few do during start-up).
    /// </summary>
    public double ThreadCpuMs()
    {
        double ns = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{process.Id}/task"))
        {
            try
            {
                ns += double.Parse(System.IO.File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }

        return ns / 1e6;
    }

    /// <summary>CPU time the operator has used so far (utime and stime of /proc/PID/stat, in ms; 10 ms resolution) and its minor page faults.</summary>
    public (double User, double System, long MinorFaults) CpuTime()
    {
        var stat = System.IO.File.ReadAllText($"/proc/{process.Id}/stat");
        // Fields after the command name (which may hold spaces) in parentheses: state is field 3, minflt 10, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var tick = 1000.0 / 100; // USER_HZ is 100 on Linux
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) * tick, long.Parse(fields[12], CultureInfo.InvariantCulture) * tick, long.Parse(fields[7], CultureInfo.InvariantCulture));
    }

    /// <summary>Waits for /readyz 200 (bounded), returning how long it took from now.</summary>
    public async Task WaitReadyAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the operator exited with {process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Health, "readyz"), timeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !timeout.IsCancellationRequested))
            {
                // not listening yet, or a request that did not answer in time: ask again
            }

            await Task.Delay(2, timeout.Token).ConfigureAwait(false);
        }
    }

    public async Task<double> MetricAsync(string series, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync(new Uri(Health, "metrics"), cancellationToken).ConfigureAwait(false);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Resident set size now (VmRSS), at its peak (VmHWM), and its anonymous (heap, stacks) and file-backed (binary) parts, in MiB.</summary>
    public (double Rss, double Peak, double Anonymous, double File) Memory()
    {
        var status = System.IO.File.ReadAllLines($"/proc/{process.Id}/status");
        double Read(string key) => double.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return (Read("VmRSS:"), Read("VmHWM:"), Read("RssAnon:"), Read("RssFile:"));
    }

    /// <summary>
    /// Where the resident memory is, from <c>/proc/PID/smaps</c> (MiB): the binary's file-backed pages, the shared
    /// libraries', the anonymous mapping right after the binary (NativeAOT's <c>.hydrated</c> type data and .bss), and
    /// the other anonymous mappings (GC heap, stacks, native allocations).
    /// </summary>
    public string MemoryMap()
    {
        double binary = 0, libraries = 0, hydrated = 0, anonymous = 0;
        var previousWasBinary = false;
        string? mapping = null;
        foreach (var line in System.IO.File.ReadLines($"/proc/{process.Id}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && !fields[0].EndsWith(':'))
            {
                // a mapping's header: address range, permissions, offset, device, inode, path (none when anonymous)
                var path = fields.Length >= 6 ? fields[5] : "";
                mapping = path.EndsWith("/shapeblock-operator", StringComparison.Ordinal) ? "binary"
                    : path.StartsWith('/') ? "library"
                    : path.Length == 0 && previousWasBinary ? "hydrated"
                    : "anonymous";
                previousWasBinary = mapping == "binary";
                continue;
            }

            if (fields.Length >= 2 && fields[0] == "Rss:")
            {
                var mib = double.Parse(fields[1], CultureInfo.InvariantCulture) / 1024;
                switch (mapping)
                {
                    case "binary": binary += mib; break;
                    case "library": libraries += mib; break;
                    case "hydrated": hydrated += mib; break;
                    default: anonymous += mib; break;
                }
            }
        }

        var threads = System.IO.File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim();
        return $"binary {binary:F1}, shared libraries {libraries:F1}, .hydrated/.bss {hydrated:F1}, other anonymous (GC heap, stacks, native) {anonymous:F1} MiB; {threads} threads";
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
        http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
