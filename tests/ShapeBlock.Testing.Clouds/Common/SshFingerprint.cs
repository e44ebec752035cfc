using System.Globalization;
using System.Security.Cryptography;

namespace ShapeBlock.Testing.Clouds;

/// <summary>The MD5 fingerprint both clouds show for an SSH key (<c>aa:bb:…</c>).</summary>
public static class SshFingerprint
{
    /// <summary>Computes the fingerprint of an OpenSSH public key line.</summary>
    /// <param name="publicKey">e.g. <c>ssh-ed25519 AAAA… comment</c>.</param>
    /// <returns>The fingerprint, or null when the key does not parse.</returns>
    public static string? Md5(string? publicKey)
    {
        var parts = publicKey?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (parts.Length < 2 || !(parts[0].StartsWith("ssh-", StringComparison.Ordinal) || parts[0].StartsWith("ecdsa-", StringComparison.Ordinal)))
        {
            return null;
        }

        try
        {
#pragma warning disable CA5351 // MD5 is what the APIs show as the key fingerprint, not a security control here.
            var hash = MD5.HashData(Convert.FromBase64String(parts[1]));
#pragma warning restore CA5351
            return string.Join(':', hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
