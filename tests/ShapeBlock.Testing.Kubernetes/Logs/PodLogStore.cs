namespace ShapeBlock.Testing.Kubernetes.Logs;

/// <summary>
/// Container logs served by <c>pods/{name}/log</c>: the simulated kubelet (or a test) appends lines and
/// completes a container's log when it terminates; followers are woken on every append.
/// </summary>
public sealed class PodLogStore
{
    private readonly Lock sync = new();
    private readonly Dictionary<(string Ns, string Pod, string Container), ContainerLog> logs = [];
    private readonly TimeProvider time;

    /// <summary>Creates a log store.</summary>
    /// <param name="time">The clock used to timestamp lines.</param>
    public PodLogStore(TimeProvider time) => this.time = time;

    /// <summary>Appends text (split into lines) to a container's log.</summary>
    /// <param name="ns">Namespace.</param>
    /// <param name="pod">Pod name.</param>
    /// <param name="container">Container name.</param>
    /// <param name="text">One or more lines.</param>
    public void Append(string ns, string pod, string container, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        For(ns, pod, container).Append(lines, time.GetUtcNow());
    }

    /// <summary>Marks a container's log complete (the container terminated): followers finish.</summary>
    /// <param name="ns">Namespace.</param>
    /// <param name="pod">Pod name.</param>
    /// <param name="container">Container name.</param>
    public void Complete(string ns, string pod, string container) => For(ns, pod, container).Complete();

    /// <summary>The lines logged so far.</summary>
    /// <param name="ns">Namespace.</param>
    /// <param name="pod">Pod name.</param>
    /// <param name="container">Container name.</param>
    /// <returns>The lines.</returns>
    public IReadOnlyList<string> Lines(string ns, string pod, string container) =>
        Find(ns, pod, container)?.Snapshot(0).Select(l => l.Text).ToList() ?? [];

    internal ContainerLog? Find(string ns, string pod, string container)
    {
        lock (sync)
        {
            return logs.GetValueOrDefault((ns, pod, container));
        }
    }

    internal void RemovePod(string ns, string pod)
    {
        lock (sync)
        {
            foreach (var key in logs.Keys.Where(k => k.Ns == ns && k.Pod == pod).ToList())
            {
                logs[key].Complete();
                logs.Remove(key);
            }
        }
    }

    internal ContainerLog For(string ns, string pod, string container)
    {
        lock (sync)
        {
            if (!logs.TryGetValue((ns, pod, container), out var log))
            {
                log = new ContainerLog();
                logs[(ns, pod, container)] = log;
            }

            return log;
        }
    }
}

/// <summary>One container's log lines.</summary>
internal sealed class ContainerLog
{
    private readonly Lock sync = new();
    private readonly List<LogLine> lines = [];
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsComplete { get; private set; }

    public void Append(IEnumerable<string> text, DateTimeOffset at)
    {
        TaskCompletionSource wake;
        lock (sync)
        {
            lines.AddRange(text.Select(t => new LogLine(at, t)));
            wake = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        wake.TrySetResult();
    }

    public void Complete()
    {
        TaskCompletionSource wake;
        lock (sync)
        {
            IsComplete = true;
            wake = changed;
        }

        wake.TrySetResult();
    }

    /// <summary>Lines from <paramref name="from"/>, and a task that completes on the next change.</summary>
    public IReadOnlyList<LogLine> Snapshot(int from, out Task next, out bool complete)
    {
        lock (sync)
        {
            next = changed.Task;
            complete = IsComplete;
            return from >= lines.Count ? [] : lines.GetRange(from, lines.Count - from);
        }
    }

    public IReadOnlyList<LogLine> Snapshot(int from) => Snapshot(from, out _, out _);
}

/// <summary>A log line and when it was written.</summary>
internal sealed record LogLine(DateTimeOffset At, string Text);
