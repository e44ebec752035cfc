using System.Globalization;

namespace ShapeBlock.Sdk.Provisioning.Ssh;

/// <summary>
/// Trust on first use of SSH host keys, recorded in a known_hosts-like file (<c>[host]:port key-type SHA256:…</c>, one
/// line per host): the first key a host shows is recorded; a different key later is refused. Machines the
/// provisioner deletes are forgotten, so a new server that gets a recycled address is trusted afresh.
/// </summary>
internal sealed class KnownHosts(string path)
{
    // One lock for every instance: several provisioners in a process may share the file.
    private static readonly Lock gate = new();

    public string Path { get; } = path;

    /// <summary>Checks a host key: true when it is the recorded one or recorded now (first use).</summary>
    /// <param name="host">Address.</param>
    /// <param name="port">Port.</param>
    /// <param name="keyType">E.g. <c>ssh-ed25519</c>.</param>
    /// <param name="fingerprint">SHA-256 fingerprint as OpenSSH prints it (base64, no padding).</param>
    /// <param name="recorded">The fingerprint recorded before, when it differs.</param>
    public bool Check(string host, int port, string keyType, string fingerprint, out string? recorded)
    {
        var id = Id(host, port);
        lock (gate)
        {
            var entries = Read();
            if (entries.TryGetValue(id, out var known))
            {
                recorded = known.Fingerprint;
                return known.Fingerprint == fingerprint;
            }

            recorded = null;
            entries[id] = (keyType, fingerprint);
            Write(entries);
            return true;
        }
    }

    /// <summary>Forgets a host (its machine was deleted).</summary>
    public void Forget(string host, int port)
    {
        lock (gate)
        {
            var entries = Read();
            if (entries.Remove(Id(host, port)))
            {
                Write(entries);
            }
        }
    }

    private static string Id(string host, int port) => port == 22 ? host : string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}");

    private Dictionary<string, (string Type, string Fingerprint)> Read()
    {
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (!File.Exists(Path))
        {
            return entries;
        }

        foreach (var line in File.ReadAllLines(Path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 3 && !line.StartsWith('#'))
            {
                entries[parts[0]] = (parts[1], parts[2].StartsWith("SHA256:", StringComparison.Ordinal) ? parts[2][7..] : parts[2]);
            }
        }

        return entries;
    }

    private void Write(Dictionary<string, (string Type, string Fingerprint)> entries)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = Path + ".tmp";
        File.WriteAllLines(temporary, ["# SSH host keys trusted on first use by ShapeBlock (host key-type SHA256-fingerprint)", .. entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value.Type} SHA256:{e.Value.Fingerprint}")]);
        File.Move(temporary, Path, overwrite: true);
    }
}
