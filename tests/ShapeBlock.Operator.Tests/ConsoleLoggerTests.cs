using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ShapeBlock.Operator.Logging;

namespace ShapeBlock.Operator.Tests;

public sealed class ConsoleLoggerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 11, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Text_entries_are_single_lines_with_time_level_category_and_event_id()
    {
        var output = new StringWriter();
        using var loggers = new ConsoleLoggerFactory(LogLevel.Information, json: false, output, new FakeTimeProvider(Now));
        var logger = loggers.CreateLogger("ShapeBlock.Operator.Test");

        logger.LogInformation(new EventId(7), "Reconciled {Project} in {Ms} ms", "shop", 12);
        logger.LogError(new InvalidOperationException("first line\nsecond line"), "Failed {Project}", "blog");

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("2026-11-23T11:00:00.123Z info: ShapeBlock.Operator.Test[7] Reconciled shop in 12 ms", lines[0]);
        Assert.StartsWith("2026-11-23T11:00:00.123Z fail: ShapeBlock.Operator.Test[0] Failed blog System.InvalidOperationException: first line second line", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_below_the_level_are_dropped()
    {
        var output = new StringWriter();
        using var loggers = ConsoleLoggerFactoryFor(LogLevel.Warning, output);
        var logger = loggers.CreateLogger("c");

        logger.LogDebug("debug");
        logger.LogInformation("info");
        logger.LogWarning("warn");

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Critical));
        Assert.Single(output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Json_entries_carry_the_template_values_as_typed_properties()
    {
        var output = new StringWriter();
        using var loggers = new ConsoleLoggerFactory(LogLevel.Debug, json: true, output, new FakeTimeProvider(Now));

        loggers.CreateLogger("ShapeBlock.Operator.Test").LogWarning("Retrying {Resource} in {Delay} ms (ok={Ok}, note={Note})", "projects.shapeblock.io", 250, true, null);

        var entry = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal("2026-11-23T11:00:00.123Z", entry.GetProperty("time").GetString());
        Assert.Equal("Warning", entry.GetProperty("level").GetString());
        Assert.Equal("ShapeBlock.Operator.Test", entry.GetProperty("category").GetString());
        Assert.Equal("Retrying projects.shapeblock.io in 250 ms (ok=True, note=(null))", entry.GetProperty("message").GetString());
        Assert.Equal("projects.shapeblock.io", entry.GetProperty("Resource").GetString());
        Assert.Equal(250, entry.GetProperty("Delay").GetInt32());
        Assert.True(entry.GetProperty("Ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("Note").ValueKind);
        Assert.Equal("Retrying {Resource} in {Delay} ms (ok={Ok}, note={Note})", entry.GetProperty("template").GetString());
    }

    [Theory]
    [InlineData(null, null, LogLevel.Information, false)]
    [InlineData("debug", "JSON", LogLevel.Debug, true)]
    [InlineData("Warning", "text", LogLevel.Warning, false)]
    [InlineData("loud", "xml", LogLevel.Information, false)]
    public void Level_and_format_come_from_the_environment(string? level, string? format, LogLevel expected, bool json)
    {
        var env = new Dictionary<string, string?> { ["LOG_LEVEL"] = level, ["LOG_FORMAT"] = format };
        using var loggers = ConsoleLoggerFactory.FromEnvironment(name => env.GetValueOrDefault(name));
        var logger = loggers.CreateLogger("c");

        Assert.True(logger.IsEnabled(expected));
        Assert.False(logger.IsEnabled(expected - 1));
        Assert.Equal(json, loggers.Json);
    }

    private static ConsoleLoggerFactory ConsoleLoggerFactoryFor(LogLevel level, TextWriter output) => new(level, json: false, output);
}
