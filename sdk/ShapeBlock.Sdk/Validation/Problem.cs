namespace ShapeBlock.Sdk.Validation;

/// <summary>How serious a problem is.</summary>
public enum Severity
{
    /// <summary>Nothing is applied until it is fixed.</summary>
    Error,

    /// <summary>Worth knowing; does not stop a run.</summary>
    Warning,
}

/// <summary>One problem with the model, with the path of the resource it is about: <c>prod/shop/web: port must be 1–65535</c>.</summary>
/// <param name="Path">The resource path, e.g. <c>prod/shop/web</c> (the stack name for stack-wide problems).</param>
/// <param name="Message">What is wrong and, where it helps, how to fix it. Never contains a secret value.</param>
/// <param name="Severity">Error or warning.</param>
public sealed record Problem(string Path, string Message, Severity Severity = Severity.Error)
{
    /// <summary>The field of the rendered resource the problem is about (<c>spec.port</c>), when known; used to avoid reporting it twice.</summary>
    public string? Field { get; init; }

    /// <summary><c>path: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
