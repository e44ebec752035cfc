using Renci.SshNet;

namespace ShapeBlock.Testing.Ssh;

/// <summary>SSH.NET clients for a test host.</summary>
public static class SshHostClientExtensions
{
    /// <summary>An SSH.NET client for the host as root with the given key (default: the factory's client key), host key pinned.</summary>
    /// <param name="host">The host.</param>
    /// <param name="key">The key to authenticate with.</param>
    /// <param name="timeout">Connection timeout (default 10 s).</param>
    /// <returns>A client, not yet connected.</returns>
    public static SshClient CreateClient(this SshHost host, SshKeyPair? key = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var privateKey = new PrivateKeyFile((key ?? host.ClientKey).PrivateKeyPath);
        var info = new ConnectionInfo(host.Address, host.Port, host.User, new PrivateKeyAuthenticationMethod(host.User, privateKey))
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        var client = new SshClient(info);
        var expected = host.HostKeySha256;
        client.HostKeyReceived += (_, e) => e.CanTrust = e.FingerPrintSHA256 == expected;
        return client;
    }
}
