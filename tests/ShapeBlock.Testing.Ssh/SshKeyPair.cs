using System.Security.Cryptography;

namespace ShapeBlock.Testing.Ssh;

/// <summary>Key algorithm of a generated key pair (both load in SSH.NET).</summary>
public enum SshKeyType
{
    /// <summary>ssh-ed25519 (OpenSSH private key format).</summary>
    Ed25519,

    /// <summary>RSA 3072 (OpenSSH private key format).</summary>
    Rsa,
}

/// <summary>An SSH key pair generated with <c>ssh-keygen</c> into a directory.</summary>
/// <param name="PrivateKeyPath">Private key file (mode 0600).</param>
/// <param name="PublicKey">The public key line (<c>ssh-ed25519 AAAA… comment</c>).</param>
public sealed record SshKeyPair(string PrivateKeyPath, string PublicKey)
{
    /// <summary>The private key text (OpenSSH format), e.g. to hand to code that takes key content.</summary>
    public string PrivateKey => File.ReadAllText(PrivateKeyPath);

    /// <summary>The public key file next to the private key.</summary>
    public string PublicKeyPath => PrivateKeyPath + ".pub";

    /// <summary>SHA256 fingerprint of the public key as unpadded base64 (what SSH.NET and <c>ssh-keygen -l</c> show after <c>SHA256:</c>).</summary>
    public string Sha256Fingerprint => Fingerprint(PublicKey);

    /// <summary>Generates a key pair without passphrase.</summary>
    /// <param name="privateKeyPath">Where to write the private key (the public key goes to <c>.pub</c> next to it).</param>
    /// <param name="type">Key type.</param>
    /// <param name="comment">Key comment.</param>
    /// <param name="cancellationToken">Cancels the generation.</param>
    /// <returns>The key pair.</returns>
    public static async Task<SshKeyPair> GenerateAsync(string privateKeyPath, SshKeyType type = SshKeyType.Ed25519, string comment = "shapeblock-test", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(privateKeyPath))!);
        string[] algorithm = type == SshKeyType.Ed25519 ? ["-t", "ed25519"] : ["-t", "rsa", "-b", "3072"];
        await ProcessRunner.CheckAsync("ssh-keygen", [.. algorithm, "-q", "-N", "", "-C", comment, "-f", privateKeyPath], cancellationToken);
        return new SshKeyPair(privateKeyPath, (await File.ReadAllTextAsync(privateKeyPath + ".pub", cancellationToken)).Trim());
    }

    /// <summary>SHA256 fingerprint (unpadded base64) of an OpenSSH public key line.</summary>
    /// <param name="publicKeyLine">e.g. <c>ssh-ed25519 AAAA… comment</c>.</param>
    /// <returns>The fingerprint.</returns>
    public static string Fingerprint(string publicKeyLine)
    {
        ArgumentNullException.ThrowIfNull(publicKeyLine);
        var blob = Convert.FromBase64String(publicKeyLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }
}
