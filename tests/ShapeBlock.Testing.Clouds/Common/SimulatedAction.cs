namespace ShapeBlock.Testing.Clouds;

/// <summary>Phase of a <see cref="SimulatedAction"/>.</summary>
internal enum ActionPhase
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// A long-running cloud operation whose state is derived from the clock when read — no background loop
/// moves it on. It completes when its duration has elapsed and its gate (e.g. the SSH host that gives a
/// droplet its address) is done, unless it hangs or a test completes or fails it explicitly.
/// </summary>
internal sealed class SimulatedAction
{
    private readonly TimeSpan duration;
    private readonly ActionOutcome outcome;
    private readonly Task? gate;
    private DateTimeOffset? gateDoneAt;
    private (ActionPhase Phase, DateTimeOffset At)? forced;

    public SimulatedAction(long id, string command, DateTimeOffset started, TimeSpan duration, ActionOutcome outcome, TimeProvider clock, Task? gate = null)
    {
        Id = id;
        Command = command;
        Started = started;
        this.duration = duration < TimeSpan.Zero ? TimeSpan.Zero : duration;
        this.outcome = outcome;
        this.gate = gate;
        if (gate is not null)
        {
            if (gate.IsCompleted)
            {
                gateDoneAt = started;
            }
            else
            {
                _ = gate.ContinueWith(_ => gateDoneAt = clock.GetUtcNow(), TaskScheduler.Default);
            }
        }
    }

    public long Id { get; }

    public string Command { get; }

    public DateTimeOffset Started { get; }

    /// <summary>Resources the action works on, as (type, id).</summary>
    public List<(string Type, string Id)> Resources { get; } = [];

    public string ErrorCode { get; private set; } = "action_failed";

    public string ErrorMessage { get; private set; } = "Action failed";

    public ActionPhase PhaseAt(DateTimeOffset now)
    {
        if (forced is { } f)
        {
            return f.Phase;
        }

        if (outcome == ActionOutcome.Hang || now < Started + duration || (gate is not null && gateDoneAt is null))
        {
            return ActionPhase.Running;
        }

        if (gate is { IsFaulted: true } || gate is { IsCanceled: true })
        {
            ErrorCode = "address_unavailable";
            ErrorMessage = "the fake cloud's AddressProvider failed: " + gate.Exception?.GetBaseException().Message;
            return ActionPhase.Failed;
        }

        return outcome == ActionOutcome.Fail ? ActionPhase.Failed : ActionPhase.Succeeded;
    }

    public int ProgressAt(DateTimeOffset now)
    {
        if (PhaseAt(now) != ActionPhase.Running)
        {
            return 100;
        }

        var percent = duration <= TimeSpan.Zero ? 99 : (int)Math.Clamp((now - Started) / duration * 100, 0, 99);
        return outcome == ActionOutcome.Hang ? Math.Min(percent, 50) : percent;
    }

    public DateTimeOffset? FinishedAt(DateTimeOffset now)
    {
        if (forced is { } f)
        {
            return f.At;
        }

        if (PhaseAt(now) == ActionPhase.Running)
        {
            return null;
        }

        var due = Started + duration;
        return gateDoneAt is { } g && g > due ? g : due;
    }

    /// <summary>Ends the action successfully now (releases a hanging action).</summary>
    public void Complete(DateTimeOffset now) => forced = (ActionPhase.Succeeded, now);

    /// <summary>Ends the action in error now.</summary>
    public void Fail(DateTimeOffset now, string code, string message)
    {
        ErrorCode = code;
        ErrorMessage = message;
        forced = (ActionPhase.Failed, now);
    }
}
