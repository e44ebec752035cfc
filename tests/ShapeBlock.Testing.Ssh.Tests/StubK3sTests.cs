using System.Security.Cryptography;
using System.Text;
using ShapeBlock.Testing.Ssh;

namespace ShapeBlock.Testing.Ssh.Tests;

public sealed class StubK3sTests
{
    private const string Kubeconfig = "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://127.0.0.1:40123\n  name: default\n";

    [SshHostFact(SshHostMode.Namespace)]
    public async Task Install_over_ssh_records_flags_and_masked_env_and_writes_the_host_view()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var host = await hosts.CreateHostAsync(new SshHostOptions { Mode = SshHostMode.Namespace, Name = "prod-master-1", Kubeconfig = Kubeconfig });
        using var client = await Ssh.ConnectAsync(host);

        // The shape the SDK renders: curl the installer, pipe it to sh with the environment and the flags.
        var install = await Ssh.RunAsync(client,
            $"export K3S_TOKEN='s3cret-token'; curl -sfL {host.InstallScriptUrl} | env INSTALL_K3S_SKIP_DOWNLOAD=true INSTALL_K3S_VERSION='v1.31.4+k3s1' K3S_TOKEN=\"$K3S_TOKEN\" " +
            "sh -s - server --cluster-init --node-ip 10.0.1.1 --write-kubeconfig-mode 0600 --node-label shapeblock.io/role=master --node-label 'team=a b'");
        Assert.True(install.ExitCode == 0, install.Error);
        Assert.Contains("[INFO]  Skipping k3s download", install.Output, StringComparison.Ordinal);

        var k3s = Assert.Single(host.K3sInvocations);
        Assert.Equal("server", k3s.Arguments[0]);
        Assert.True(k3s.Has("--cluster-init"));
        Assert.Equal("10.0.1.1", k3s.Flag("--node-ip"));
        Assert.Equal(["shapeblock.io/role=master", "team=a b"], k3s.Flags("--node-label"));
        Assert.Equal("v1.31.4+k3s1", k3s.Environment["INSTALL_K3S_VERSION"]);
        Assert.Equal("true", k3s.Environment["INSTALL_K3S_SKIP_DOWNLOAD"]);
        Assert.Equal("sha256:" + Sha16("s3cret-token"), k3s.Environment["K3S_TOKEN"]);
        Assert.Equal("root", k3s.User);
        var installer = Assert.Single(host.Invocations, i => i.Tool == "k3s-install.sh");
        Assert.Equal("server", installer.Arguments[0]);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(host.Directory, "records"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("s3cret-token", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }

        Assert.Equal(Kubeconfig, (await Ssh.RunAsync(client, "cat /etc/rancher/k3s/k3s.yaml")).Output);
        Assert.Equal("600", (await Ssh.RunAsync(client, "stat -c %a /etc/rancher/k3s/k3s.yaml")).Output.Trim());
        Assert.Equal("s3cret-token", (await Ssh.RunAsync(client, "cat /var/lib/rancher/k3s/server/node-token")).Output.Trim()); // what a re-run recovers
        Assert.Contains("v1.31.4+k3s1", (await Ssh.RunAsync(client, "k3s --version")).Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Ssh.RunAsync(client, "test -x /usr/local/bin/k3s-uninstall.sh && test -L /usr/local/bin/kubectl")).ExitCode);
        Assert.Contains("--cluster-init", await host.ReadFileAsync("/etc/systemd/system/k3s.service"), StringComparison.Ordinal);
        Assert.NotEqual(Kubeconfig, File.Exists("/etc/rancher/k3s/k3s.yaml") ? await File.ReadAllTextAsync("/etc/rancher/k3s/k3s.yaml") : null);

        // Uninstall removes what the install left.
        Assert.Equal(0, (await Ssh.RunAsync(client, "/usr/local/bin/k3s-uninstall.sh")).ExitCode);
        Assert.Null(await host.ReadFileAsync("/etc/rancher/k3s/k3s.yaml"));
        Assert.Single(host.Invocations, i => i.Tool == "k3s-uninstall.sh");
    }

    [SshHostFact]
    public async Task Agent_join_download_path_and_failures()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var worker = await hosts.CreateHostAsync(new SshHostOptions { Name = "prod-workers-1", PreinstallK3s = false });
        using var client = await Ssh.ConnectAsync(worker);

        // Without K3S_SKIP_DOWNLOAD the stand-in "downloads" (copies) the stub; K3S_URL makes it an agent.
        var join = await Ssh.RunAsync(client,
            $"curl -sfL {hosts.InstallScriptUrl} | env INSTALL_K3S_VERSION=v1.30.9+k3s1 K3S_URL=https://10.0.1.1:6443 K3S_TOKEN=t0ken sh -s - --node-label pool=workers");
        Assert.True(join.ExitCode == 0, join.Error);
        var agent = Assert.Single(worker.K3sInvocations);
        Assert.Equal(["agent", "--node-label", "pool=workers"], agent.Arguments);
        Assert.Equal("https://10.0.1.1:6443", agent.Environment["K3S_URL"]);
        Assert.Equal("https://10.0.1.1:6443", (await worker.ReadFileAsync("/var/lib/rancher/k3s/agent/server-url"))?.Trim());
        Assert.Contains("v1.30.9+k3s1", (await Ssh.RunAsync(client, "k3s --version")).Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Ssh.RunAsync(client, "test -x /usr/local/bin/k3s-agent-uninstall.sh")).ExitCode);

        // An agent without a token fails like k3s would; an injected failure propagates through the installer.
        Assert.NotEqual(0, (await Ssh.RunAsync(client, "k3s agent --server https://10.0.1.1:6443")).ExitCode);
        worker.SetK3sExitCode(3);
        Assert.Equal(3, (await Ssh.RunAsync(client, $"curl -sfL {hosts.InstallScriptUrl} | INSTALL_K3S_SKIP_DOWNLOAD=true sh -s - server")).ExitCode);
        worker.SetK3sExitCode(0);
        Assert.Equal(0, (await Ssh.RunAsync(client, "k3s server")).ExitCode);
        Assert.Contains("server: https://127.0.0.1:6443", await worker.ReadFileAsync("/etc/rancher/k3s/k3s.yaml"), StringComparison.Ordinal); // placeholder kubeconfig
    }

    [SshHostFact]
    public async Task A_restart_with_the_gate_on_waits_for_the_acknowledgement_and_every_call_records_its_start()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var host = await hosts.CreateHostAsync(new SshHostOptions { Name = "prod-master-1" });
        host.SetK3sRestartGate(true);
        using var client = await Ssh.ConnectAsync(host);
        var before = DateTimeOffset.UtcNow;

        // The first start is no restart: it does not wait.
        Assert.Equal(0, (await Ssh.RunAsync(client, "k3s server --node-ip 10.0.1.1")).ExitCode);
        Assert.False(host.K3sRestartRequested);
        Assert.False(host.TakeK3sRestartFinished());

        // Run again (what the installer does to change flags): recorded, then held until acknowledged.
        using var second = await Ssh.ConnectAsync(host);
        var restart = Ssh.RunAsync(second, "k3s server --node-ip 10.0.1.1 --tls-san 203.0.113.9");
        await Eventually.Until(() => Task.FromResult(host.K3sRestartRequested), "the restart to ask");
        Assert.Equal(2, host.K3sInvocations.Count);
        Assert.False(restart.IsCompleted);
        Assert.DoesNotContain("203.0.113.9", await host.ReadFileAsync("/var/lib/rancher/k3s/server/tls/serving-sans"), StringComparison.Ordinal);
        Assert.False(host.TakeK3sRestartFinished());

        host.AcknowledgeK3sRestart();
        Assert.Equal(0, (await restart).ExitCode);
        Assert.True(host.TakeK3sRestartFinished());
        Assert.False(host.TakeK3sRestartFinished()); // once
        Assert.Contains("203.0.113.9", await host.ReadFileAsync("/var/lib/rancher/k3s/server/tls/serving-sans"), StringComparison.Ordinal);

        var calls = host.K3sInvocations;
        Assert.True(before <= calls[0].Started && calls[0].Started <= calls[1].Started && calls[1].Started <= DateTimeOffset.UtcNow);
    }

    [SshHostFact]
    public async Task Dropping_the_connection_mid_install_kills_the_install_and_a_rerun_completes()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var host = await hosts.CreateHostAsync(new SshHostOptions { Kubeconfig = Kubeconfig });
        host.SetK3sDelay(TimeSpan.FromSeconds(60));
        var installCommand = $"curl -sfL {host.InstallScriptUrl} | INSTALL_K3S_SKIP_DOWNLOAD=true K3S_TOKEN=x sh -s - server --cluster-init";
        using (var client = await Ssh.ConnectAsync(host))
        {
            using var command = client.CreateCommand(installCommand);
            var running = command.ExecuteAsync();
            await Eventually.Until(() => Task.FromResult(host.K3sInvocations.Count == 1), "k3s to be called");
            Assert.True(host.DropConnections() > 0);
            await Assert.ThrowsAnyAsync<Exception>(() => running.WaitAsync(TimeSpan.FromSeconds(15)));
        }

        await Eventually.Until(() => Task.FromResult(!host.SessionProcesses.Any(p => p.Contains("k3s", StringComparison.Ordinal) || p.StartsWith("sleep", StringComparison.Ordinal))), "the interrupted install to be gone");
        Assert.Null(await host.ReadFileAsync("/etc/rancher/k3s/k3s.yaml"));

        host.SetK3sDelay(TimeSpan.Zero);
        using var again = await Ssh.ConnectAsync(host);
        Assert.Equal(0, (await Ssh.RunAsync(again, installCommand)).ExitCode);
        Assert.Equal(Kubeconfig, await host.ReadFileAsync("/etc/rancher/k3s/k3s.yaml"));
        Assert.Equal(2, host.K3sInvocations.Count);
    }

    [SshHostFact]
    public async Task Memory_contract_proc_meminfo_and_free_report_the_configured_size()
    {
        await using var hosts = await SshHostFactory.CreateAsync();
        var host = await hosts.CreateHostAsync(new SshHostOptions { MemoryMiB = 4096 });
        using var client = await Ssh.ConnectAsync(host);
        Assert.Equal("4194304", (await Ssh.RunAsync(client, "awk '/^MemTotal:/ {print $2}' /proc/meminfo")).Output.Trim());
        Assert.Equal("4096", (await Ssh.RunAsync(client, "free -m | awk '/^Mem:/ {print $2}'")).Output.Trim());

        await host.SetMemoryAsync(1536);
        Assert.Equal("1572864", (await Ssh.RunAsync(client, "grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2")).Output.Trim());
        var machine = (await File.ReadAllLinesAsync("/proc/meminfo"))[0];
        Assert.DoesNotContain("1572864", machine, StringComparison.Ordinal); // the machine itself is untouched
    }

    private static string Sha16(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];
}
