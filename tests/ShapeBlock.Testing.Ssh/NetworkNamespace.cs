using System.Diagnostics;
using System.Security.Cryptography;

namespace ShapeBlock.Testing.Ssh;

/// <summary>
/// A network namespace <c>sb-&lt;id&gt;</c> joined to the root namespace by a veth pair on a /30 of 10.213.0.0/16:
/// the host end (<c>sbh-&lt;id&gt;</c>) gets the first address, the namespace end (<c>sbn-&lt;id&gt;</c>) the second,
/// which is the SSH host's address.
/// </summary>
internal sealed class NetworkNamespace
{
    private const string LockFile = "/run/lock/shapeblock-sshhosts.lock";

    private NetworkNamespace(string id, string hostAddress, string address)
    {
        Name = NameFor(id);
        HostVeth = HostVethFor(id);
        NamespaceVeth = "sbn-" + id;
        HostAddress = hostAddress;
        Address = address;
    }

    public string Name { get; }

    public static string NameFor(string id) => "sb-" + id;

    public static string HostVethFor(string id) => "sbh-" + id;

    public string HostVeth { get; }

    public string NamespaceVeth { get; }

    /// <summary>The root-namespace end of the veth.</summary>
    public string HostAddress { get; }

    /// <summary>The host's address inside the namespace.</summary>
    public string Address { get; }

    public static async Task<NetworkNamespace> CreateAsync(string id, CancellationToken cancellationToken)
    {
        // One process at a time picks a free /30 and claims it, so parallel test runs never share one.
        await using var claim = await AcquireLockAsync(cancellationToken);
        var used = (await ProcessRunner.CheckAsync("ip", ["-4", "-o", "addr", "show"], cancellationToken)).StandardOutput;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var block = RandomNumberGenerator.GetInt32(1, 16384) * 4;
            var hostAddress = $"10.213.{block / 256}.{(block % 256) + 1}";
            var address = $"10.213.{block / 256}.{(block % 256) + 2}";
            if (used.Contains($" {hostAddress}/", StringComparison.Ordinal) || used.Contains($" {address}/", StringComparison.Ordinal))
            {
                continue;
            }

            var ns = new NetworkNamespace(id, hostAddress, address);
            try
            {
                await ns.SetUpAsync(cancellationToken);
                return ns;
            }
            catch
            {
                await ns.DeleteAsync(CancellationToken.None);
                throw;
            }
        }

        throw new InvalidOperationException("no free /30 left in 10.213.0.0/16");
    }

    /// <summary>Deletes the namespace (which destroys the veth pair) and the host end if it survived.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await ProcessRunner.RunAsync("ip", ["netns", "delete", Name], cancellationToken);
        await ProcessRunner.RunAsync("ip", ["link", "delete", HostVeth], cancellationToken);
    }

    /// <summary>Deletes a namespace and veth by name, ignoring errors (stale-host cleanup, process exit).</summary>
    public static void DeleteQuietly(string name, string hostVeth)
    {
        foreach (var args in new[] { new[] { "netns", "delete", name }, new[] { "link", "delete", hostVeth } })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo("ip", args) { RedirectStandardError = true, RedirectStandardOutput = true });
                process?.WaitForExit(5000);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // ip is missing: nothing to clean.
            }
        }
    }

    private static async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        var path = Directory.Exists("/run/lock") ? LockFile : Path.Combine(Path.GetTempPath(), "shapeblock-sshhosts.lock");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None is an flock(LOCK_EX) on Linux: exclusive across processes.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(25, cancellationToken);
            }
        }
    }

    /// <summary>Adds an interface with an address inside the namespace (a veth whose peer stays there too).</summary>
    public async Task AddInterfaceAsync(SshHostInterface nic, CancellationToken cancellationToken)
    {
        if (nic.Name.Length is 0 or > 11)
        {
            throw new ArgumentException($"interface name '{nic.Name}' must have 1 to 11 characters", nameof(nic));
        }

        async Task Ip(params string[] args) => await ProcessRunner.CheckAsync("ip", args, cancellationToken);
        await Ip("-n", Name, "link", "add", nic.Name, "type", "veth", "peer", "name", "sbp-" + nic.Name);
        await Ip("-n", Name, "addr", "add", nic.Address.Contains('/', StringComparison.Ordinal) ? nic.Address : nic.Address + "/32", "dev", nic.Name);
        await Ip("-n", Name, "link", "set", nic.Name, "up");
    }

    private async Task SetUpAsync(CancellationToken cancellationToken)
    {
        async Task Ip(params string[] args) => await ProcessRunner.CheckAsync("ip", args, cancellationToken);
        await Ip("netns", "add", Name);
        await Ip("link", "add", HostVeth, "type", "veth", "peer", "name", NamespaceVeth, "netns", Name);
        await Ip("addr", "add", HostAddress + "/30", "dev", HostVeth);
        await Ip("link", "set", HostVeth, "up");
        await Ip("-n", Name, "addr", "add", Address + "/30", "dev", NamespaceVeth);
        await Ip("-n", Name, "link", "set", NamespaceVeth, "up");
        await Ip("-n", Name, "link", "set", "lo", "up");
        await Ip("-n", Name, "route", "add", "default", "via", HostAddress);
    }
}
