namespace ShapeBlock.Testing.Kubernetes.Semantics;

/// <summary>Options of a write (query parameters of the request, or chosen by an in-process caller).</summary>
public sealed record WriteOptions
{
    /// <summary>Default options: manager <c>test</c>, warnings for unknown fields.</summary>
    public static WriteOptions Default { get; } = new();

    /// <summary>The field manager recorded in managedFields.</summary>
    public string FieldManager { get; init; } = "test";

    /// <summary>Validate but do not persist (<c>dryRun=All</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>How unknown fields of custom resources are reported.</summary>
    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;

    /// <summary>Server-side apply: take ownership of conflicting fields (always assumed; conflicts are not detected).</summary>
    public bool Force { get; init; }
}

/// <summary>Options of a delete (the <c>DeleteOptions</c> body and query parameters).</summary>
public sealed record DeleteOptions
{
    /// <summary>Default options (the resource's default propagation).</summary>
    public static DeleteOptions Default { get; } = new();

    /// <summary><c>Background</c>, <c>Foreground</c> or <c>Orphan</c>; null for the resource default.</summary>
    public string? PropagationPolicy { get; init; }

    /// <summary>Precondition on the uid.</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Precondition on the resourceVersion.</summary>
    public string? PreconditionResourceVersion { get; init; }

    /// <summary>Validate but do not delete.</summary>
    public bool DryRun { get; init; }
}

/// <summary>The outcome of a write.</summary>
/// <param name="Object">The object as stored (or as it would be, for a dry run).</param>
/// <param name="Warnings">Warnings for the <c>Warning</c> response header.</param>
/// <param name="Created">Whether the write created the object (201).</param>
public sealed record WriteResult(Storage.StoredObject Object, IReadOnlyList<string> Warnings, bool Created = false);
