namespace ShapeBlock.Operator.Apps.Tests;

public sealed class GitUrlTests
{
    [Theory]
    [InlineData("https://github.com/acme/shop.git", GitTransport.Http, "github.com", 443)]
    [InlineData("http://git.internal:3000/acme/shop.git", GitTransport.Http, "git.internal", 3000)]
    [InlineData("http://git.internal/acme/shop.git", GitTransport.Http, "git.internal", 80)]
    [InlineData("https://user:tok3n@gitlab.example.com:8443/group/sub/repo.git", GitTransport.Http, "gitlab.example.com", 8443)]
    [InlineData("git@github.com:acme/shop.git", GitTransport.Ssh, "github.com", 22)]
    [InlineData("github.com:acme/shop.git", GitTransport.Ssh, "github.com", 22)]
    [InlineData("deploy@git.example.com:team/app.git", GitTransport.Ssh, "git.example.com", 22)]
    [InlineData("ssh://git@git.example.com:2222/team/app.git", GitTransport.Ssh, "git.example.com", 2222)]
    [InlineData("ssh://git.example.com/team/app.git", GitTransport.Ssh, "git.example.com", 22)]
    [InlineData("ssh://git@[2001:db8::1]:2222/team/app.git", GitTransport.Ssh, "2001:db8::1", 2222)]
    [InlineData("git@[2001:db8::1]:team/app.git", GitTransport.Ssh, "2001:db8::1", 22)]
    [InlineData("git+ssh://git@host.example/x.git", GitTransport.Ssh, "host.example", 22)]
    [InlineData("git://git.kernel.org/pub/scm/git/git.git", GitTransport.Git, "git.kernel.org", 9418)]
    public void ParsesHostAndPort(string url, GitTransport transport, string host, int port)
    {
        var parsed = GitUrl.Parse(url);

        Assert.Equal(transport, parsed.Transport);
        Assert.Equal(host, parsed.Host);
        Assert.Equal(port, parsed.Port);
        Assert.Equal(url, parsed.Url);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/srv/git/repo.git")]
    [InlineData("./repo")]
    [InlineData("file:///srv/git/repo.git")]
    [InlineData("ext::sh -c touch% /tmp/pwned")]
    [InlineData("-uhttps://evil")]
    [InlineData("--upload-pack=touch /tmp/pwned")]
    [InlineData("https://github.com")]
    [InlineData("https://github.com:99999/acme/x")]
    [InlineData("ssh://git@bad_host/x.git")]
    [InlineData("ftp://example.com/x.git")]
    [InlineData("https://github.com/acme/shop.git\nfoo")]
    public void RefusesUnsafeOrUnusableUrls(string url)
    {
        Assert.False(GitUrl.TryParse(url, out _));
        Assert.Throws<FormatException>(() => GitUrl.Parse(url));
    }

    [Fact]
    public void ErrorsNeverShowTheToken()
    {
        var error = Assert.Throws<FormatException>(() => GitUrl.Parse("https://user:ghp_secret123@github.com"));

        Assert.DoesNotContain("ghp_secret123", error.Message, StringComparison.Ordinal);
    }
}
