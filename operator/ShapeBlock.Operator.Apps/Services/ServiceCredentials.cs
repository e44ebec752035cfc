using System.Security.Cryptography;

namespace ShapeBlock.Operator.Apps.Services;

/// <summary>The generated passwords of a catalog database (kept in its connection Secret, generated once).</summary>
/// <param name="Password">The app user's password.</param>
/// <param name="SuperuserPassword">The database superuser's password (postgres, mysql).</param>
public sealed record ServiceCredentials(string Password, string SuperuserPassword)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>New random credentials: 32 characters from a cryptographic generator, letters and digits only (safe in URLs and config files).</summary>
    /// <returns>The credentials.</returns>
    public static ServiceCredentials Generate() =>
        new(RandomNumberGenerator.GetString(Alphabet, 32), RandomNumberGenerator.GetString(Alphabet, 32));

    /// <inheritdoc />
    public override string ToString() => "ServiceCredentials { *** }";
}
