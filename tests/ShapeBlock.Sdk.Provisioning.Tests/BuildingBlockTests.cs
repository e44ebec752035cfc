using System.Net;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Provisioning.Hetzner;
using ShapeBlock.Sdk.Provisioning.Http;
using ShapeBlock.Sdk.Provisioning.K3s;
using ShapeBlock.Sdk.Provisioning.Ssh;
using ShapeBlock.Testing.Clouds;

namespace ShapeBlock.Sdk.Provisioning.Tests;

/// <summary>The pieces on their own: command rendering, host-key records, retry delays, kubeconfig rewrite, preflight rules.</summary>
public sealed class BuildingBlockTests
{
    [Fact]
    public void The_install_command_reads_secrets_from_stdin_and_quotes_every_value()
    {
        var command = new HostCommand("install", "sh", ["-s", "-", "server", "--node-label", "team=a b", "--tls-san", "1.2.3.4"])
        {
            Environment = [new HostEnv("INSTALL_K3S_VERSION", "v1.33.5+k3s1"), new HostEnv("K3S_TOKEN", null, SecretValue.Of(Secret.Literal("s3cr3t-token-value"))), new HostEnv("K3S_URL", "https://10.0.0.2:6443")],
            StdinUrl = "https://get.k3s.io",
        };

        var (script, stdin) = K3sCommands.Render(command, env => env.Name == "K3S_TOKEN" ? "s3cr3t-token-value" : throw new InvalidOperationException());

        Assert.Equal(["s3cr3t-token-value"], stdin);
        Assert.DoesNotContain("s3cr3t", script, StringComparison.Ordinal);
        Assert.StartsWith("set -e; IFS= read -r K3S_TOKEN; export K3S_TOKEN; ", script, StringComparison.Ordinal);
        Assert.Contains("curl -sfL https://get.k3s.io", script, StringComparison.Ordinal);
        Assert.EndsWith("env INSTALL_K3S_VERSION=v1.33.5+k3s1 K3S_URL=https://10.0.0.2:6443 sh -s - server --node-label 'team=a b' --tls-san 1.2.3.4", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_hosts_trust_the_first_key_refuse_a_different_one_and_forget_deleted_machines()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("sb-kh-").FullName, "nested", "known_hosts");
        var hosts = new KnownHosts(path);

        Assert.True(hosts.Check("10.0.0.5", 22, "ssh-ed25519", "AAA", out _));
        Assert.True(hosts.Check("10.0.0.5", 22, "ssh-ed25519", "AAA", out _));
        Assert.True(new KnownHosts(path).Check("10.0.0.5", 2222, "ssh-ed25519", "CCC", out _));
        Assert.False(new KnownHosts(path).Check("10.0.0.5", 22, "ssh-ed25519", "BBB", out var recorded));
        Assert.Equal("AAA", recorded);
        Assert.Contains("[10.0.0.5]:2222 ssh-ed25519 SHA256:CCC", File.ReadAllText(path), StringComparison.Ordinal);

        hosts.Forget("10.0.0.5", 22);
        Assert.True(hosts.Check("10.0.0.5", 22, "ssh-ed25519", "BBB", out _));
    }

    [Fact]
    public void Retry_delays_follow_Retry_After_then_RateLimit_Reset_and_are_capped()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now);
        using var retryAfter = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        retryAfter.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), CloudRetryHandler.ServerDelay(retryAfter, time, TimeSpan.FromMinutes(1)));

        using var reset = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        reset.Headers.Add("RateLimit-Reset", now.AddSeconds(12).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromSeconds(12), CloudRetryHandler.ServerDelay(reset, time, TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromSeconds(5), CloudRetryHandler.ServerDelay(reset, time, TimeSpan.FromSeconds(5)));

        using var plain = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Assert.Null(CloudRetryHandler.ServerDelay(plain, time, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void The_kubeconfig_is_pointed_at_the_public_endpoint()
    {
        const string k3s = "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: QUJD\n    server: https://127.0.0.1:6443\n  name: default\n";
        var rewritten = ClusterApi.Rewrite(k3s, "https://203.0.113.9:6443");
        Assert.Contains("    server: https://203.0.113.9:6443\n", rewritten, StringComparison.Ordinal);
        Assert.Contains("certificate-authority-data: QUJD", rewritten, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", rewritten, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024, true, false)]
    [InlineData(1900, false, true)]
    [InlineData(3072, false, true)]
    [InlineData(4096, false, false)]
    public void Preflight_refuses_under_2_GB_and_warns_under_4_GB(long memory, bool refused, bool warned)
    {
        var target = new SshTarget("n1", "10.0.0.1", 22, "root", "key", "file k", false);
        var (problems, warnings) = Preflight.Judge(target, new HostFacts(memory, "x86_64", "Linux", "ubuntu 24.04", 50_000, "root"), force: false);
        Assert.Equal(refused, problems.Any(p => p.Contains($"{memory} MiB", StringComparison.Ordinal) && p.Contains("root@10.0.0.1:22 (n1)", StringComparison.Ordinal)));
        Assert.Equal(warned, warnings.Any(w => w.Contains($"{memory} MiB", StringComparison.Ordinal)));

        var (forced, _) = Preflight.Judge(target, new HostFacts(memory, "x86_64", "Linux", "ubuntu 24.04", 50_000, "root"), force: true);
        Assert.Empty(forced);
    }

    [Fact]
    public void Preflight_names_architecture_disk_and_sudo_problems_with_their_fix()
    {
        var user = new SshTarget("n2", "10.0.0.2", 22, "deploy", "key", "file k", Sudo: false);
        var (problems, _) = Preflight.Judge(user, new HostFacts(4096, "riscv64", "Linux", "debian 12", 1000, "sudo"), force: false);
        Assert.Contains(problems, p => p.Contains("riscv64", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("1000 MiB free", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Sudo = true", StringComparison.Ordinal));
        var (none, _) = Preflight.Judge(user with { Sudo = true }, new HostFacts(4096, "aarch64", "Linux", "debian 12", 50_000, "none"), force: false);
        Assert.Contains(none, p => p.Contains("passwordless sudo", StringComparison.Ordinal));
    }

    [Fact]
    public void The_key_fingerprint_matches_the_clouds()
    {
        const string key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test";
        Assert.Equal(SshFingerprint.Md5(key), HetznerCloud.Md5Fingerprint(key));
        Assert.Throws<ProvisioningException>(() => HetznerCloud.Md5Fingerprint("not a key"));
    }

    [Fact]
    public void Results_and_events_never_print_the_kubeconfig()
    {
        var result = new ProvisionResult("apiVersion: v1\nusers:\n- user:\n    token: very-secret-kube-token\n", "https://1.2.3.4:6443", [], []);
        Assert.DoesNotContain("very-secret", result.ToString(), StringComparison.Ordinal);
        var scrubber = new SecretScrubber();
        scrubber.Add(result.Kubeconfig);
        var scrubbed = scrubber.Scrub("the kubeconfig said token: very-secret-kube-token here");
        Assert.DoesNotContain("very-secret", scrubbed, StringComparison.Ordinal);
        Assert.Contains(Secret.Mask, scrubbed, StringComparison.Ordinal);
    }
}
