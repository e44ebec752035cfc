namespace ShapeBlock.Testing.Kubernetes.Simulators;

/// <summary>What the simulated kubelet does with a job's pod: per-container logs, exit codes, termination messages and timing.</summary>
public sealed record JobOutcome
{
    /// <summary>Default unschedulable message (what the real scheduler says when memory is short).</summary>
    public const string InsufficientMemory = "0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";

    /// <summary>Outcomes of named containers (init or main).</summary>
    public IReadOnlyDictionary<string, ContainerOutcome> Containers { get; init; } = new Dictionary<string, ContainerOutcome>();

    /// <summary>Outcome of containers not named in <see cref="Containers"/>.</summary>
    public ContainerOutcome Default { get; init; } = new();

    /// <summary>When set, the pod is never scheduled: PodScheduled=False/Unschedulable and a FailedScheduling event with this message.</summary>
    public string? UnschedulableMessage { get; init; }

    /// <summary>Delay before the pod is scheduled.</summary>
    public TimeSpan StartDelay { get; init; }

    /// <summary>When set, main containers keep running until the gate opens (then their own durations apply).</summary>
    public SimulationGate? Gate { get; init; }

    /// <summary>Every container exits 0; the main containers print <paramref name="logs"/>.</summary>
    /// <param name="logs">Log lines.</param>
    /// <returns>The outcome.</returns>
    public static JobOutcome Succeed(params string[] logs) => new() { Default = new ContainerOutcome { Logs = logs } };

    /// <summary>Main containers fail.</summary>
    /// <param name="exitCode">Exit code (non-zero).</param>
    /// <param name="terminationMessage">The termination message (<c>/dev/termination-log</c>).</param>
    /// <param name="logs">Log lines.</param>
    /// <returns>The outcome.</returns>
    public static JobOutcome Fail(int exitCode = 1, string? terminationMessage = null, params string[] logs) =>
        new() { Default = new ContainerOutcome { ExitCode = exitCode, TerminationMessage = terminationMessage, Logs = logs } };

    /// <summary>The pod cannot be scheduled.</summary>
    /// <param name="message">The scheduler's message.</param>
    /// <returns>The outcome.</returns>
    public static JobOutcome Unschedulable(string message = InsufficientMemory) => new() { UnschedulableMessage = message };

    /// <summary>This outcome with one container's behaviour set.</summary>
    /// <param name="container">Container name.</param>
    /// <param name="outcome">Its outcome.</param>
    /// <returns>A new outcome.</returns>
    public JobOutcome WithContainer(string container, ContainerOutcome outcome) =>
        this with { Containers = new Dictionary<string, ContainerOutcome>(Containers) { [container] = outcome } };

    internal ContainerOutcome For(string container, bool init) =>
        Containers.TryGetValue(container, out var o) ? o : init ? new ContainerOutcome() : Default;
}

/// <summary>One container's scripted run.</summary>
public sealed record ContainerOutcome
{
    /// <summary>Exit code (0 succeeds).</summary>
    public int ExitCode { get; init; }

    /// <summary>Termination message reported in <c>state.terminated.message</c>.</summary>
    public string? TerminationMessage { get; init; }

    /// <summary>Log lines written while running.</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];

    /// <summary>How long it runs after its logs are written.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Pause between log lines (lets followers see them arrive).</summary>
    public TimeSpan LogInterval { get; init; }

    /// <summary>Terminated reason; default <c>Completed</c> (exit 0) or <c>Error</c>.</summary>
    public string? Reason { get; init; }
}

/// <summary>A gate a test opens to let simulated containers finish (deterministic ordering without sleeps).</summary>
public sealed class SimulationGate
{
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the gate is open.</summary>
    public bool IsOpen => opened.Task.IsCompleted;

    /// <summary>Opens the gate.</summary>
    public void Open() => opened.TrySetResult();

    internal Task WaitAsync(CancellationToken cancellationToken) => opened.Task.WaitAsync(cancellationToken);
}
