namespace ShapeBlock.Sdk.Provisioning.Http;

/// <summary>A cloud API answered with an error. The message names the call and the cloud's error, never the token.</summary>
public sealed class CloudApiException : ProvisioningException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="provider"><c>hetzner</c> or <c>digitalocean</c>.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path (no query secrets: tokens travel in headers only).</param>
    /// <param name="status">The HTTP status code (0 when no answer came).</param>
    /// <param name="code">The cloud's error code, e.g. <c>uniqueness_error</c>.</param>
    /// <param name="detail">The cloud's error message.</param>
    public CloudApiException(string provider, string method, string path, int status, string? code, string? detail)
        : base($"{provider} API {method} {path} failed with {(status == 0 ? "no answer" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))}{(code is null ? "" : $" ({code})")}: {detail ?? "no details"}{Hint(status)}")
    {
        Provider = provider;
        Status = status;
        Code = code;
    }

    /// <summary><c>hetzner</c> or <c>digitalocean</c>.</summary>
    public string Provider { get; }

    /// <summary>The HTTP status code (0 when no answer came).</summary>
    public int Status { get; }

    /// <summary>The cloud's error code, when it sent one.</summary>
    public string? Code { get; }

    private static string Hint(int status) => status switch
    {
        401 => ". Fix: check the API token (read/write) of the provider.",
        403 => ". Fix: the token lacks permission for this call.",
        429 => ". The rate limit was still exhausted after retrying; run up again later.",
        _ => "",
    };
}
