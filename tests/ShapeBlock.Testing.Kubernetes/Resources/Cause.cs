namespace ShapeBlock.Testing.Kubernetes.Resources;

/// <summary>One entry of a Status's <c>details.causes</c>.</summary>
/// <param name="Reason">E.g. <c>FieldValueInvalid</c>.</param>
/// <param name="Message">Human message without the field, e.g. <c>Invalid value: 0: …</c> (as the API server sends it).</param>
/// <param name="Field">The field path, when there is one.</param>
public sealed record Cause(string Reason, string Message, string? Field)
{
    /// <summary>The message prefixed with the field, as in the Status summary: <c>spec.port: Invalid value: 0: …</c>.</summary>
    public string FullMessage => Field is null ? Message : $"{Field}: {Message}";

    /// <summary>A cause from a message that may start with <c>field: </c> (as <c>FieldError.Message</c> does).</summary>
    /// <param name="reason">The reason.</param>
    /// <param name="fullMessage">The message, possibly prefixed with the field.</param>
    /// <param name="field">The field.</param>
    /// <returns>The cause.</returns>
    public static Cause FromFieldMessage(string reason, string fullMessage, string field)
    {
        ArgumentNullException.ThrowIfNull(fullMessage);
        ArgumentNullException.ThrowIfNull(field);
        var prefix = field + ": ";
        return new Cause(reason, fullMessage.StartsWith(prefix, StringComparison.Ordinal) ? fullMessage[prefix.Length..] : fullMessage, field);
    }

    /// <summary>A <c>FieldValueRequired</c> cause.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="detail">Optional explanation.</param>
    /// <returns>The cause.</returns>
    public static Cause Required(string field, string? detail = null) =>
        new("FieldValueRequired", "Required value" + (detail is null ? "" : $": {detail}"), field);

    /// <summary>A <c>FieldValueInvalid</c> cause.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="badValue">The value as printed (JSON-ish).</param>
    /// <param name="detail">What is wrong.</param>
    /// <returns>The cause.</returns>
    public static Cause Invalid(string field, string badValue, string detail) =>
        new("FieldValueInvalid", $"Invalid value: {badValue}: {detail}", field);

    /// <summary>A <c>FieldValueForbidden</c> cause.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="detail">Why.</param>
    /// <returns>The cause.</returns>
    public static Cause Forbidden(string field, string detail) =>
        new("FieldValueForbidden", $"Forbidden: {detail}", field);
}
