using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using ShapeBlock.Testing.Ssh;

namespace ShapeBlock.Testing.Ssh.Tests;

public sealed class SshHostConnectionTests
{
    [SshHostFact]
    public async Task Loopback_host_runs_commands_as_root_with_the_generated_key()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var host = await hosts.CreateHostAsync(new SshHostOptions { Name = "prod-master-1" });
        Assert.Equal(("127.0.0.1", "root"), (host.Address, host.User));
        Assert.NotEqual(22, host.Port);

        using var client = await Ssh.ConnectAsync(host);
        var (code, output, _) = await Ssh.RunAsync(client, "id -un; hostname; echo \"$SBHOST_ID\"; echo \"$HOME\"");
        Assert.Equal(0, code);
        Assert.Equal(["root", "prod-master-1", host.Id, "/root"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(3, (await Ssh.RunAsync(client, "exit 3")).ExitCode);
    }

    [SshHostFact(SshHostMode.Namespace)]
    public async Task Namespace_host_has_its_own_address_on_port_22_and_is_torn_down()
    {
        var hosts = await SshHostFactory.CreateAsync();
        SshHost host;
        try
        {
            host = await hosts.CreateHostAsync(new SshHostOptions { Mode = SshHostMode.Namespace, Name = "ns-host" });
            Assert.StartsWith("10.213.", host.Address, StringComparison.Ordinal);
            Assert.Equal(22, host.Port);

            using var client = await Ssh.ConnectAsync(host);
            var addresses = await Ssh.RunAsync(client, "ip -4 -o addr show | awk '{print $4}'");
            // Inside, the host has only loopback and its own /30 address: nothing of the machine's networks.
            Assert.Equal(new[] { "127.0.0.1/8", host.Address + "/30" }.Order(StringComparer.Ordinal), addresses.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
            Assert.Contains($"sb-{host.Id}", (await ProcessRunnerForTests.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
        }
        finally
        {
            await hosts.DisposeAsync();
        }

        Assert.DoesNotContain($"sb-{host.Id}", (await ProcessRunnerForTests.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
        Assert.NotEqual(0, (await ProcessRunnerForTests.RunAsync("ip", "link", "show", $"sbh-{host.Id}")).ExitCode);
        Assert.False(Directory.Exists(host.Directory));
        Assert.False(Directory.Exists(hosts.Directory));
    }

    [SshHostFact]
    public async Task Host_key_is_stable_across_reconnects_and_restarts_and_differs_between_hosts()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var first = await hosts.CreateHostAsync();
        var second = await hosts.CreateHostAsync();

        async Task<string> SeenFingerprint(SshHost host)
        {
            string? seen = null;
            using var client = host.CreateClient();
            client.HostKeyReceived += (_, e) => seen ??= e.FingerPrintSHA256;
            await client.ConnectAsync(CancellationToken.None);
            client.Disconnect();
            return seen!;
        }

        var before = await SeenFingerprint(first);
        Assert.Equal(first.HostKeySha256, before);
        Assert.Equal(before, await SeenFingerprint(first));
        await first.RestartAsync();
        Assert.Equal(before, await SeenFingerprint(first));
        Assert.NotEqual(before, await SeenFingerprint(second));
        Assert.StartsWith("ssh-ed25519 ", first.HostPublicKey, StringComparison.Ordinal);
    }

    [SshHostFact]
    public async Task Wrong_key_and_wrong_host_key_are_refused()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var host = await hosts.CreateHostAsync();
        var stranger = await hosts.GenerateKeyPairAsync("stranger");
        using (var client = host.CreateClient(stranger))
        {
            await Assert.ThrowsAsync<SshAuthenticationException>(() => client.ConnectAsync(CancellationToken.None));
        }

        var rsa = await hosts.GenerateKeyPairAsync("rsa-friend", SshKeyType.Rsa);
        var allowing = await hosts.CreateHostAsync(new SshHostOptions { AuthorizedKeys = [rsa.PublicKey] });
        using (var client = await Ssh.ConnectAsync(allowing, rsa))
        {
            Assert.Equal(0, (await Ssh.RunAsync(client, "true")).ExitCode);
        }

        // A client that pins another host's key must not trust this one.
        var info = new ConnectionInfo(host.Address, host.Port, "root", new PrivateKeyAuthenticationMethod("root", new PrivateKeyFile(host.ClientKey.PrivateKeyPath)));
        using var pinned = new SshClient(info);
        pinned.HostKeyReceived += (_, e) => e.CanTrust = e.FingerPrintSHA256 == allowing.HostKeySha256;
        await Assert.ThrowsAsync<SshConnectionException>(() => pinned.ConnectAsync(CancellationToken.None));
    }

    [SshHostFact]
    public async Task Dropped_connection_mid_command_is_noticed_and_the_host_still_accepts()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var host = await hosts.CreateHostAsync();
        using var client = await Ssh.ConnectAsync(host);
        using var command = client.CreateCommand("echo started; sleep 60; echo finished");
        var running = command.ExecuteAsync();
        await Eventually.Until(() => Task.FromResult(host.SessionProcesses.Any(p => p.StartsWith("sleep 60", StringComparison.Ordinal))), "the remote command to run");

        Assert.True(host.DropConnections() > 0);
        Assert.Empty(host.SessionProcesses);
        var failure = await Record.ExceptionAsync(() => running.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.True(failure is SshException or IOException or ObjectDisposedException or OperationCanceledException, $"unexpected: {failure}");
        await Eventually.Until(() => Task.FromResult(!client.IsConnected), "the client to notice the drop");
        Assert.DoesNotContain("finished", command.Result, StringComparison.Ordinal);

        using var again = await Ssh.ConnectAsync(host);
        Assert.Equal(0, (await Ssh.RunAsync(again, "true")).ExitCode);
    }

    [SshHostFact]
    public async Task Stopped_host_refuses_connections_and_a_restart_keeps_its_files()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var host = await hosts.CreateHostAsync();
        await host.WriteFileAsync("/etc/shapeblock-marker", "kept\n");
        await host.StopAsync();
        Assert.False(host.IsRunning);
        Assert.Equal("kept\n", await host.ReadFileAsync("/etc/shapeblock-marker"));
        using (var client = host.CreateClient(timeout: TimeSpan.FromSeconds(3)))
        {
            var refused = await Record.ExceptionAsync(() => client.ConnectAsync(CancellationToken.None));
            Assert.True(refused is SocketException or SshConnectionException or SshOperationTimeoutException, $"unexpected: {refused}");
        }

        await host.StartAsync();
        using var reconnected = await Ssh.ConnectAsync(host);
        Assert.Equal("kept", (await Ssh.RunAsync(reconnected, "cat /etc/shapeblock-marker")).Output.Trim());
        Assert.False(File.Exists("/etc/shapeblock-marker"), "the host's /etc must not leak onto the machine");
    }

    [SshHostFact(SshHostMode.Namespace)]
    public async Task Several_namespace_hosts_made_in_parallel_each_answer_on_their_own_address()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var made = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => hosts.CreateHostAsync(new SshHostOptions { Mode = SshHostMode.Namespace, Name = $"node-{i}" })));
        Assert.Equal(4, made.Select(h => h.Address).Distinct().Count());
        foreach (var host in made)
        {
            using var client = await Ssh.ConnectAsync(host);
            Assert.Equal(host.Name, (await Ssh.RunAsync(client, "hostname")).Output.Trim());
        }
    }
}
