namespace ShapeBlock.Operator.Apps.Tests;

public sealed class KubeNamesTests
{
    [Fact]
    public void ShortNamesAreKept() => Assert.Equal("web-42-resolve", KubeNames.Fit("web-42", "-resolve"));

    [Fact]
    public void LongNamesAreCutWithAHash()
    {
        var a = KubeNames.Fit(new string('a', 80) + "-1", "-resolve");
        var b = KubeNames.Fit(new string('a', 80) + "-2", "-resolve");

        Assert.Equal(63, a.Length);
        Assert.EndsWith("-resolve", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.Equal(a, KubeNames.Fit(new string('a', 80) + "-1", "-resolve"));
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", a);
    }
}
