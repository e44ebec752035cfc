namespace ShapeBlock.Operator.Apps.Tests;

public sealed class SecretScrubberTests
{
    [Theory]
    [InlineData("fatal: unable to access 'https://user:s3cr3t@github.com/acme/x.git/'", "fatal: unable to access 'https://***@github.com/acme/x.git/'")]
    [InlineData("remote: https://oauth2:glpat-abcdefghijklmnop1234@gitlab.com/x.git", "remote: https://***@gitlab.com/x.git")]
    [InlineData("cloning https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/x", "cloning https://***@github.com/x")]
    [InlineData("ssh://git@github.com:22/acme/x.git", "ssh://***@github.com:22/acme/x.git")]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyz0123 leaked", "token *** leaked")]
    [InlineData("use github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyz", "use ***")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "Authorization: Bearer ***")]
    [InlineData("curl -H 'Authorization: Basic dXNlcjpwYXNzd29yZA=='", "curl -H 'Authorization: Basic ***'")]
    [InlineData("{\"auths\":{\"r.io\":{\"auth\":\"dXNlcjpwYXNz\"}}}", "{\"auths\":{\"r.io\":{\"auth\":\"***\"}}}")]
    [InlineData("DB_PASSWORD=hunter2 PORT=5432", "DB_PASSWORD=*** PORT=5432")]
    [InlineData("npm_token: abc123 ok", "npm_token: *** ok")]
    [InlineData("key AKIAIOSFODNN7EXAMPLE", "key ***")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----", "-----BEGIN PRIVATE KEY----- *** -----END PRIVATE KEY-----")]
    [InlineData("fatal: Authentication failed for 'https://github.com/acme/x.git/'", "fatal: Authentication failed for 'https://github.com/acme/x.git/'")]
    [InlineData("UNAUTHORIZED: authentication required", "UNAUTHORIZED: authentication required")]
    [InlineData("", "")]
    public void MasksCredentials(string text, string expected) => Assert.Equal(expected, SecretScrubber.Scrub(text));

    [Fact]
    public void MasksKnownValuesLongestFirst() =>
        Assert.Equal("a *** b *** c", SecretScrubber.Scrub("a secret-value-long b secret c", ["secret", "secret-value-long", "x"]));
}
