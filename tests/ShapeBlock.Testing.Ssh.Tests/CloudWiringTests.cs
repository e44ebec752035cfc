using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ShapeBlock.Testing.Clouds;
using ShapeBlock.Testing.Clouds.DigitalOcean;
using ShapeBlock.Testing.Clouds.Hetzner;
using ShapeBlock.Testing.Ssh;

namespace ShapeBlock.Testing.Ssh.Tests;

/// <summary>The fake clouds hand out real SSH hosts as server addresses — the wiring provisioning tests use.</summary>
public sealed class CloudWiringTests
{
    [SshHostFact(SshHostMode.Namespace)]
    public async Task Hetzner_servers_are_namespace_hosts_with_the_type_memory_and_go_away_on_delete()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var byServer = new ConcurrentDictionary<string, SshHost>();
        var options = new FakeCloudOptions
        {
            AddressProvider = async (server, ct) =>
            {
                var host = await hosts.CreateHostAsync(new SshHostOptions { Mode = SshHostMode.Namespace, Name = server.Name, MemoryMiB = server.MemoryMiB }, ct);
                byServer[server.Id] = host;
                return host.Address;
            },
            ServerDeleted = async (server, _) =>
            {
                if (byServer.TryRemove(server.Id, out var host))
                {
                    await hosts.RemoveHostAsync(host);
                }
            },
        };
        await using var hetzner = new FakeHetzner(options);
        using var http = new HttpClient { BaseAddress = new Uri(await hetzner.StartAsync() + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hetzner.Options.Token);

        var responses = await Task.WhenAll(Enumerable.Range(1, 3).Select(i =>
            http.PostAsJsonAsync("servers", new { name = $"prod-master-{i}", server_type = i == 3 ? "cpx11" : "cx22", image = "ubuntu-24.04" })));
        var servers = new List<(long Id, string Name, string Ip)>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var server = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("server");
            servers.Add((server.GetProperty("id").GetInt64(), server.GetProperty("name").GetString()!, server.GetProperty("public_net").GetProperty("ipv4").GetProperty("ip").GetString()!));
        }

        Assert.Equal(3, servers.Select(s => s.Ip).Distinct().Count());
        foreach (var (_, name, ip) in servers)
        {
            var host = hosts.Hosts.Single(h => h.Address == ip);
            using var client = await Ssh.ConnectAsync(host);
            var (_, output, _) = await Ssh.RunAsync(client, "hostname; free -m | awk '/^Mem:/ {print $2}'");
            Assert.Equal([name, name.EndsWith('3') ? "2048" : "4096"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        var (id, _, address) = servers[0];
        var deletedHost = hosts.Hosts.Single(h => h.Address == address);
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync($"servers/{id}")).StatusCode);
        Assert.Equal(2, hosts.Hosts.Count);
        Assert.False(deletedHost.IsRunning);
        Assert.DoesNotContain($"sb-{deletedHost.Id}", (await ProcessRunnerForTests.RunAsync("ip", "netns", "list")).Output, StringComparison.Ordinal);
        // No SSH server answers there any more (the TCP connect itself may be swallowed by the machine's network, so check the SSH handshake).
        var info = new Renci.SshNet.ConnectionInfo(address, 22, "root", new Renci.SshNet.PrivateKeyAuthenticationMethod("root", new Renci.SshNet.PrivateKeyFile(hosts.ClientKey.PrivateKeyPath)))
        {
            Timeout = TimeSpan.FromSeconds(3),
        };
        using var gone = new Renci.SshNet.SshClient(info);
        await Assert.ThrowsAnyAsync<Exception>(() => gone.ConnectAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [SshHostFact]
    public async Task DigitalOcean_droplets_become_active_once_their_host_answers()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var options = new FakeCloudOptions
        {
            RateLimit = 5000,
            AddressProvider = async (droplet, ct) => (await hosts.CreateHostAsync(new SshHostOptions { Name = droplet.Name, MemoryMiB = droplet.MemoryMiB }, ct)).Address,
        };
        await using var digitalOcean = new FakeDigitalOcean(options);
        using var http = new HttpClient { BaseAddress = new Uri(await digitalOcean.StartAsync() + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", digitalOcean.Options.Token);

        var created = await http.PostAsJsonAsync("droplets", new { name = "do-node-1", region = "fra1", size = "s-2vcpu-4gb", image = "ubuntu-24-04-x64" });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("droplet").GetProperty("id").GetInt64();
        await Eventually.Until(async () =>
            (await http.GetFromJsonAsync<JsonElement>($"droplets/{id}")).GetProperty("droplet").GetProperty("status").GetString() == "active", "droplet active");

        var host = Assert.Single(hosts.Hosts);
        using var client = await Ssh.ConnectAsync(host);
        Assert.Equal("4096", (await Ssh.RunAsync(client, "free -m | awk '/^Mem:/ {print $2}'")).Output.Trim());
    }
}
