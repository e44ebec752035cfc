using k8s.Models;
using ShapeBlock.Api.Schema;

namespace ShapeBlock.Api.V1Alpha1;

/// <summary>What every ShapeBlock status reports: a phase the server and UI read, a message and standard conditions.</summary>
/// <typeparam name="TPhase">The kind's phase enum.</typeparam>
public abstract record ResourceStatus<TPhase>
    where TPhase : struct, Enum
{
    /// <summary>The lifecycle phase (read by the ShapeBlock server and UI).</summary>
    public TPhase? Phase { get; set; }

    /// <summary>A human-readable message about the phase: what is awaited or what went wrong and how to fix it.</summary>
    public string? Message { get; set; }

    /// <summary>The <c>metadata.generation</c> this status was computed from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Standard conditions (<c>Ready</c> and kind-specific ones).</summary>
    [ListMapKeys("type")]
    public List<V1Condition>? Conditions { get; set; }
}
