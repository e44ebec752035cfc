using System.Collections;

namespace ShapeBlock.Sdk.Model;

/// <summary>The services bound to an app: <c>Bind = { db }</c> or, with a variable prefix, <c>Bind = { { db, "DATABASE" } }</c>.</summary>
public sealed class ServiceBindings : IEnumerable<ServiceBinding>
{
    private readonly List<ServiceBinding> items = [];

    /// <summary>How many bindings.</summary>
    public int Count => items.Count;

    /// <summary>Binds a service; its variables are prefixed with the upper-cased service name.</summary>
    /// <param name="service">The service (in the same project).</param>
    public void Add(Service service) => items.Add(new ServiceBinding(service ?? throw new ArgumentNullException(nameof(service))));

    /// <summary>Binds a service with a variable prefix (<c>&lt;PREFIX&gt;_URL</c>, <c>&lt;PREFIX&gt;_HOST</c>, …).</summary>
    /// <param name="service">The service (in the same project).</param>
    /// <param name="envPrefix">Upper-case letters, digits and <c>_</c>.</param>
    public void Add(Service service, string envPrefix) =>
        items.Add(new ServiceBinding(service ?? throw new ArgumentNullException(nameof(service))) { EnvPrefix = envPrefix });

    /// <inheritdoc />
    public IEnumerator<ServiceBinding> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A service bound to an app.</summary>
/// <param name="Service">The service.</param>
public sealed record ServiceBinding(Service Service)
{
    /// <summary>The variable prefix; the upper-cased service name when empty.</summary>
    public string? EnvPrefix { get; init; }
}
