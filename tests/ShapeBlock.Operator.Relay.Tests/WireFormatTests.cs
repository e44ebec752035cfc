using System.Text.Json;

namespace ShapeBlock.Operator.Relay.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public void A_status_keeps_the_server_contract_field_names_and_order()
    {
        var status = new StatusMessage(RelayResourceType.AppBuild, "web-42", "proj", "Building")
        {
            Message = "building image",
            PodName = "web-42-abcde",
            Timestamp = new DateTimeOffset(2025, 1, 31, 13, 4, 5, 678, TimeSpan.FromHours(1)),
            Labels = new Dictionary<string, string> { ["apps.shapeblock.io/app"] = "web" },
            AppName = "web",
        };

        var json = JsonSerializer.Serialize(status, RelayJsonContext.Default.StatusMessage);

        Assert.Equal(
            """{"resourceType":"AppBuild","name":"web-42","namespace":"proj","status":"Building","message":"building image","podName":"web-42-abcde","timestamp":"2025-01-31T12:04:05Z","labels":{"apps.shapeblock.io/app":"web"},"appName":"web"}""",
            json);
    }

    [Fact]
    public void Optional_status_fields_are_omitted_and_every_resource_type_is_written_by_name()
    {
        foreach (var type in Enum.GetValues<RelayResourceType>())
        {
            var json = JsonSerializer.Serialize(
                new StatusMessage(type, "x", string.Empty, "Ready") { Timestamp = DateTimeOffset.UnixEpoch },
                RelayJsonContext.Default.StatusMessage);

            Assert.Equal($$"""{"resourceType":"{{type}}","name":"x","namespace":"","status":"Ready","timestamp":"1970-01-01T00:00:00Z"}""", json);
        }
    }

    [Fact]
    public void A_build_log_line_is_a_BUILD_LOG_message()
    {
        var json = JsonSerializer.Serialize(new BuildLogMessage("web-42", "Step 1/5 : FROM \"node\""), RelayJsonContext.Default.BuildLogMessage);

        Assert.Equal("""{"type":"BUILD_LOG","buildId":"web-42","log":"Step 1/5 : FROM \u0022node\u0022"}""", json);
    }

    [Fact]
    public async Task Publishing_without_a_timestamp_stamps_the_current_utc_time()
    {
        await using var server = await Infrastructure.RelayTestServer.StartAsync();
        await using var relay = Infrastructure.RelayHarness.Start(server.Uri);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        relay.Relay.PublishStatus(new StatusMessage(RelayResourceType.Project, "proj", string.Empty, "Active"));

        await Infrastructure.Eventually.WaitUntilAsync(() => server.Recording.Statuses.Count == 1, "the status arrived");
        var text = server.Recording.Statuses[0].GetProperty("timestamp").GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", text);
        var stamped = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stamped, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }
}
