namespace ShapeBlock.Testing.Clouds;

/// <summary>Behaviour of a fake cloud API. Every property may be changed while the server runs.</summary>
public sealed class FakeCloudOptions
{
    /// <summary>The bearer token the API accepts; any other token gets 401.</summary>
    public string Token { get; set; } = "test-token";

    /// <summary>How long a simulated action (create, delete, …) runs before it completes. Default 50 ms.</summary>
    public TimeSpan ActionDuration { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The clock that drives action progress; replace with a fake clock to step time from a test.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Requests allowed per hour (the rate-limit bucket refills one request every hour/limit).</summary>
    public int RateLimit { get; set; } = 3600;

    /// <summary>
    /// Gives each created server/droplet its public IPv4 address, e.g. the address of a real SSH host.
    /// Default: <c>127.0.0.1</c>. An exception fails the create (Hetzner: 500; DigitalOcean: the create action errors).
    /// </summary>
    public Func<ServerInfo, CancellationToken, Task<string>> AddressProvider { get; set; } =
        static (_, _) => Task.FromResult("127.0.0.1");

    /// <summary>Called after a server/droplet is deleted (e.g. to stop its SSH host). Exceptions are ignored.</summary>
    public Func<ServerInfo, CancellationToken, Task>? ServerDeleted { get; set; }

    /// <summary>
    /// Called after a server/droplet is switched off (<c>false</c>: poweroff, shutdown, power_off) or on (<c>true</c>),
    /// with what it is now (a changed type shows its new memory), e.g. to stop or start its SSH host. Awaited before
    /// the action is answered.
    /// </summary>
    public Func<ServerInfo, bool, CancellationToken, Task>? PowerChanged { get; set; }

    /// <summary>Decides how the create action of each server/droplet ends (e.g. <see cref="ActionOutcome.Hang"/> for a stuck server).</summary>
    public Func<ServerInfo, ActionOutcome> CreateOutcome { get; set; } = static _ => ActionOutcome.Succeed;
}
