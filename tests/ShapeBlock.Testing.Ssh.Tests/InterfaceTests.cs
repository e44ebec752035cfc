namespace ShapeBlock.Testing.Ssh.Tests;

/// <summary>Extra interfaces of a namespace host: what a provisioner finds with <c>ip -o -4 addr</c> over SSH.</summary>
public sealed class InterfaceTests
{
    [SshHostFact(SshHostMode.Namespace)]
    public async Task A_namespace_host_shows_its_extra_interfaces_with_their_addresses()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var host = await hosts.CreateHostAsync(new SshHostOptions
        {
            Mode = SshHostMode.Namespace,
            Interfaces = [new SshHostInterface("enp7s0", "10.0.1.5/32"), new SshHostInterface("ens10", "10.1.0.3/24")],
        });

        using var client = await Ssh.ConnectAsync(host);
        var (code, output, _) = await Ssh.RunAsync(client, "ip -o -4 addr show | awk '{print $2, $4}'");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("enp7s0 10.0.1.5/32", lines);
        Assert.Contains("ens10 10.1.0.3/24", lines);
        Assert.Contains($"sbn-{host.Id} {host.Address}/30", lines);
    }

    [SshHostFact(SshHostMode.Loopback)]
    public async Task A_loopback_host_cannot_get_interfaces()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => hosts.CreateHostAsync(new SshHostOptions { Interfaces = [new SshHostInterface("eth1", "10.0.0.2/32")] }));
        Assert.Contains("Namespace", error.Message, StringComparison.Ordinal);
        Assert.Empty(hosts.Hosts);
    }
}
