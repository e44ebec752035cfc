using ShapeBlock.Testing.Clouds.DigitalOcean;
using ShapeBlock.Testing.Clouds.Hetzner;

namespace ShapeBlock.Testing.Clouds.Tests;

/// <summary>A started fake plus a client for it.</summary>
internal sealed class Harness<T>(T fake, ApiClient api) : IAsyncDisposable
    where T : FakeCloudServer
{
    public T Fake { get; } = fake;

    public ApiClient Api { get; } = api;

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Assert.Empty(Fake.UnhandledErrors); // a handler bug shows up here instead of hiding behind a 500
        await Fake.DisposeAsync();
    }
}

internal static class Harness
{
    public static async Task<Harness<FakeHetzner>> HetznerAsync(FakeCloudOptions? options = null)
    {
        var fake = new FakeHetzner(options);
        var url = await fake.StartAsync();
        return new Harness<FakeHetzner>(fake, new ApiClient(url, fake.Options.Token));
    }

    public static async Task<Harness<FakeDigitalOcean>> DigitalOceanAsync(FakeCloudOptions? options = null)
    {
        var fake = new FakeDigitalOcean(options);
        var url = await fake.StartAsync();
        return new Harness<FakeDigitalOcean>(fake, new ApiClient(url, fake.Options.Token));
    }

    public static readonly string PublicKey = NewPublicKey("test@shapeblock");

    public static readonly string OtherPublicKey = NewPublicKey("other@shapeblock");

    /// <summary>A well-formed ssh-ed25519 public key line (random key material).</summary>
    public static string NewPublicKey(string comment)
    {
        var type = "ssh-ed25519"u8.ToArray();
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var blob = new List<byte>();
        blob.AddRange([0, 0, 0, (byte)type.Length]);
        blob.AddRange(type);
        blob.AddRange([0, 0, 0, 32]);
        blob.AddRange(key);
        return $"ssh-ed25519 {Convert.ToBase64String([.. blob])} {comment}";
    }
}
