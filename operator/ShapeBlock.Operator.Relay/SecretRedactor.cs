namespace ShapeBlock.Operator.Relay;

/// <summary>
/// Removes the API key from text that may carry it (exception messages from a handshake whose URL has
/// the key in its query) before the text reaches a log.
/// </summary>
internal sealed class SecretRedactor(string secret)
{
    private const string Mask = "***";
    private readonly string[] _forms = [.. new[] { secret, Uri.EscapeDataString(secret) }.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The text with every form of the secret masked.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        foreach (var form in _forms)
        {
            text = text.Replace(form, Mask, StringComparison.OrdinalIgnoreCase);
        }

        return text;
    }

    /// <summary>
    /// Type and message of an exception and its inner exceptions, masked. Loggers get this instead of
    /// the exception object, whose stack trace and messages a log provider would print unfiltered.
    /// </summary>
    public string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {Redact(e.Message)}");
        }

        return string.Join(" ---> ", parts);
    }
}
