namespace ShapeBlock.Operator.Apps.Tests;

public sealed class ImageReferenceTests
{
    private const string D = Fixtures.Digest;

    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", null, null)]
    [InlineData("nginx:1.27", "docker.io", "library/nginx", "1.27", null)]
    [InlineData("app:tag", "docker.io", "library/app", "tag", null)]
    [InlineData("acme/web", "docker.io", "acme/web", null, null)]
    [InlineData("docker.io/nginx", "docker.io", "library/nginx", null, null)]
    [InlineData("index.docker.io/acme/web:2", "docker.io", "acme/web", "2", null)]
    [InlineData("registry.example.com:5000/team/app:tag", "registry.example.com:5000", "team/app", "tag", null)]
    [InlineData("registry.example.com/team/app", "registry.example.com", "team/app", null, null)]
    [InlineData("localhost:5000/app", "localhost:5000", "app", null, null)]
    [InlineData("localhost/app:dev", "localhost", "app", "dev", null)]
    [InlineData("localhost", "docker.io", "library/localhost", null, null)]
    // A ':' in the last component is a tag, not a port: app:5000 is Docker Hub's library/app tagged 5000.
    [InlineData("app:5000", "docker.io", "library/app", "5000", null)]
    [InlineData("registry:5000/app", "registry:5000", "app", null, null)]
    [InlineData("registry:5000/app:5000", "registry:5000", "app", "5000", null)]
    // No '.', ':' or localhost: the first component is a Docker Hub namespace, not a host.
    [InlineData("registry/app:1", "docker.io", "registry/app", "1", null)]
    [InlineData("ghcr.io/acme/web@" + D, "ghcr.io", "acme/web", null, D)]
    [InlineData("ghcr.io/acme/web:1.2@" + D, "ghcr.io", "acme/web", "1.2", D)]
    [InlineData("nginx@" + D, "docker.io", "library/nginx", null, D)]
    [InlineData("[::1]:5000/app:v1", "[::1]:5000", "app", "v1", null)]
    [InlineData("10.0.0.5:5000/a/b/c:v1", "10.0.0.5:5000", "a/b/c", "v1", null)]
    [InlineData("registry.example.com/a__b/c-d.e/f---g", "registry.example.com", "a__b/c-d.e/f---g", null, null)]
    [InlineData("Registry.Example.com/app", "Registry.Example.com", "app", null, null)]
    public void Parses(string text, string registry, string repository, string? tag, string? digest)
    {
        var image = ImageReference.Parse(text);

        Assert.Equal(new ImageReference(registry, repository, tag, digest), image);
        Assert.Equal(image, ImageReference.Parse(image.ToString()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("Nginx", "lower-case")]
    [InlineData("acme/Web:1", "lower-case")]
    [InlineData("nginx:", "tag")]
    [InlineData("nginx:-bad", "tag")]
    [InlineData("nginx:a/b", "host")]
    [InlineData("nginx@sha256:abc", "digest")]
    [InlineData("nginx@md5:" + "0123456789abcdef0123456789abcdef", "")]
    [InlineData("ghcr.io//web", "repository")]
    [InlineData("ghcr.io/web/", "repository")]
    [InlineData("bad_host.io:5000/app", "host")]
    [InlineData("ghcr.io/-web", "repository")]
    public void RefusesInvalidReferences(string text, string why)
    {
        if (why.Length == 0)
        {
            // Other algorithms are allowed by the grammar.
            Assert.True(ImageReference.TryParse(text, out _));
            return;
        }

        var error = Assert.Throws<FormatException>(() => ImageReference.Parse(text));
        Assert.Contains(why, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(ImageReference.TryParse(text, out _));
    }

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx")]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("localhost:5000/app@" + D, "localhost:5000/app@" + D)]
    [InlineData("ghcr.io/acme/web:1.2@" + D, "ghcr.io/acme/web:1.2@" + D)]
    public void FormatsTheFullReference(string text, string expected) => Assert.Equal(expected, ImageReference.Parse(text).ToString());

    [Fact]
    public void WithTagReplacesTagAndDropsDigest()
    {
        var image = ImageReference.Parse("ghcr.io/acme/web:1.2@" + D).WithTag("1.3");

        Assert.Equal("ghcr.io/acme/web:1.3", image.ToString());
        Assert.Throws<ArgumentException>(() => image.WithTag("bad tag"));
    }

    [Fact]
    public void WithDigestKeepsTheTag()
    {
        var image = ImageReference.Parse("registry.example.com:5000/team/shop/web:3f78685").WithDigest(D);

        Assert.Equal("registry.example.com:5000/team/shop/web:3f78685@" + D, image.ToString());
        Assert.Throws<ArgumentException>(() => image.WithDigest("sha256:short"));
    }

    [Fact]
    public void EffectiveTagIsLatestOnlyWithoutTagAndDigest()
    {
        Assert.Equal("latest", ImageReference.Parse("nginx").EffectiveTag);
        Assert.Equal("1", ImageReference.Parse("nginx:1").EffectiveTag);
        Assert.Null(ImageReference.Parse("nginx@" + D).EffectiveTag);
    }

    [Theory]
    [InlineData("registry.example.com", "registry.example.com/shop/web:abc1234", "registry.example.com/shop/web/cache")]
    [InlineData("registry.example.com:5000/team", "registry.example.com:5000/team/shop/web:abc1234", "registry.example.com:5000/team/shop/web/cache")]
    [InlineData("https://registry.example.com:5000/team/sub/", "registry.example.com:5000/team/sub/shop/web:abc1234", "registry.example.com:5000/team/sub/shop/web/cache")]
    [InlineData("localhost:5000", "localhost:5000/shop/web:abc1234", "localhost:5000/shop/web/cache")]
    [InlineData("registry.shapeblock.svc:5000", "registry.shapeblock.svc:5000/shop/web:abc1234", "registry.shapeblock.svc:5000/shop/web/cache")]
    [InlineData("index.docker.io/acme", "docker.io/acme/shop/web:abc1234", "docker.io/acme/shop/web/cache")]
    public void BuildsDestinationAndCache(string registryUrl, string destination, string cache)
    {
        var pushed = ImageReference.ForBuild(registryUrl, "shop", "web", "abc1234");

        Assert.Equal(destination, pushed.ToString());
        Assert.Equal(pushed, ImageReference.Parse(destination));
        Assert.Equal(cache, ImageReference.CacheFor(registryUrl, "shop", "web").ToString());
    }

    [Theory]
    [InlineData("registry")]
    [InlineData("myuser/repo")]
    [InlineData("")]
    [InlineData("registry.example.com/Team")]
    public void RefusesRegistryUrlsThatAreNotHosts(string registryUrl) =>
        Assert.Throws<ArgumentException>(() => ImageReference.ForBuild(registryUrl, "shop", "web", "v1"));
}
