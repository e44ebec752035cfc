using ShapeBlock.Sdk.Platform;

namespace ShapeBlock.Sdk.Tests;

/// <summary>The registry's htpasswd uses our bcrypt; these vectors come from libxcrypt (<c>crypt(3)</c>).</summary>
public sealed class HtpasswdTests
{
    [Theory]
    [InlineData("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [InlineData("shapeblock-test-pw", "$2b$10$abcdefghijklmnopqrstuu", "$2b$10$abcdefghijklmnopqrstuuV4arlQDvAB6NZSu.XKMSWmykQ17KnZm")]
    public void Bcrypt_matches_known_hashes(string password, string setting, string expected)
    {
        var parts = setting.Split('$');
        var hash = Htpasswd.Hash(password, Htpasswd.DecodeSalt(parts[3]), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), parts[1]);

        Assert.Equal(expected, hash);
    }

    [Fact]
    public void A_line_is_user_colon_2y_hash_with_a_fresh_salt()
    {
        var a = Htpasswd.Line("shapeblock", "pw", cost: 4);
        var b = Htpasswd.Line("shapeblock", "pw", cost: 4);

        Assert.StartsWith("shapeblock:$2y$04$", a, StringComparison.Ordinal);
        Assert.Equal("shapeblock:$2y$04$".Length + 53, a.Length);
        Assert.NotEqual(a, b);
    }
}
