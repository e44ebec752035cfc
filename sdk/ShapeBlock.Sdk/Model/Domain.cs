namespace ShapeBlock.Sdk.Model;

/// <summary>A public host name of an app. A string converts to a domain with TLS: <c>Domains = { "shop.example.com" }</c>.</summary>
/// <param name="Host">The host name, e.g. <c>shop.example.com</c> or <c>*.shop.example.com</c>.</param>
/// <param name="Tls">Serve HTTPS with a cert-manager certificate.</param>
public sealed record Domain(string Host, bool Tls = true)
{
    /// <summary>A domain with TLS.</summary>
    /// <param name="host">The host name.</param>
    public static implicit operator Domain(string host) => new(host);

    /// <summary>A domain with TLS.</summary>
    /// <param name="host">The host name.</param>
    /// <returns>The domain.</returns>
    public static Domain FromString(string host) => new(host);

    /// <inheritdoc />
    public override string ToString() => Host;
}
