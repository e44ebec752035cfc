namespace ShapeBlock.Operator.Tests;

public sealed class OperatorOptionsTests
{
    [Fact]
    public void Reads_the_environment_names_of_the_original_operator()
    {
        var env = new Dictionary<string, string>
        {
            ["SHAPEBLOCK_WS_URL"] = "wss://shapeblock.example.com/ws/operator",
            ["SHAPEBLOCK_API_URL"] = "https://shapeblock.example.com/api",
            ["SHAPEBLOCK_API_KEY"] = "sk-live-7f0c1e9d",
            ["SHAPEBLOCK_LICENSE_KEY"] = "lic-4411",
            ["SHAPEBLOCK_LICENSE_EMAIL"] = "ops@example.com",
            ["WATCH_NAMESPACE"] = "shop",
            ["OPERATOR_NAMESPACE"] = "platform",
            ["LEADER_ELECTION"] = "false",
            ["RESYNC_PERIOD"] = "30",
        };

        var options = OperatorOptions.FromEnvironment(env.GetValueOrDefault);

        Assert.Equal("platform", options.OperatorNamespace);
        Assert.Equal("shop", options.WatchNamespace);
        Assert.Equal(new Uri("wss://shapeblock.example.com/ws/operator"), options.WebSocketUrl);
        Assert.Equal("sk-live-7f0c1e9d", options.ApiKey);
        Assert.Equal("ops@example.com", options.LicenseEmail);
        Assert.False(options.LeaderElection);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ResyncPeriod);
    }

    [Fact]
    public void Defaults_need_no_configuration()
    {
        var options = OperatorOptions.FromEnvironment(_ => null);

        Assert.Equal("shapeblock", options.OperatorNamespace);
        Assert.Null(options.WatchNamespace);
        Assert.Null(options.WebSocketUrl);
        Assert.True(options.LeaderElection);
        Assert.Equal(TimeSpan.FromMinutes(10), options.ResyncPeriod);
    }

    [Fact]
    public void Secrets_never_appear_in_the_printed_options()
    {
        var options = OperatorOptions.FromEnvironment(name => name switch
        {
            "SHAPEBLOCK_API_KEY" => "sk-live-7f0c1e9d",
            "SHAPEBLOCK_LICENSE_KEY" => "lic-4411",
            "SHAPEBLOCK_WS_URL" => "wss://h/ws?token=query-secret",
            _ => null,
        });

        var text = options.ToString();

        Assert.DoesNotContain("sk-live-7f0c1e9d", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lic-4411", text, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", text, StringComparison.Ordinal);
    }
}
