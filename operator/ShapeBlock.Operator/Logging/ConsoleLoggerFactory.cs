using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ShapeBlock.Operator.Logging;

/// <summary>
/// The operator's loggers: one line per entry on standard output, as text
/// (<c>2026-11-23T11:00:00.000Z info: Category[0] message</c>) or as JSON with the message template's
/// named values (<c>LOG_FORMAT=json</c>). A few dozen lines instead of Microsoft.Extensions.Logging.Console
/// and its configuration/DI stack, which cost the NativeAOT binary size and memory.
/// </summary>
/// <param name="minimum">Entries below this level are dropped.</param>
/// <param name="json">One JSON object per line instead of text.</param>
/// <param name="output">Where lines go (standard output by default).</param>
/// <param name="time">Clock of the timestamps.</param>
internal sealed class ConsoleLoggerFactory(LogLevel minimum, bool json, TextWriter? output = null, TimeProvider? time = null) : ILoggerFactory
{
    private readonly Lock gate = new();
    private readonly TextWriter writer = output ?? Console.Out;
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>Whether entries are written as JSON.</summary>
    public bool Json => json;

    private LogLevel Minimum => minimum;

    /// <summary>Creates the factory from <c>LOG_LEVEL</c> (default Information) and <c>LOG_FORMAT</c> (<c>text</c> or <c>json</c>).</summary>
    /// <param name="env">Variable lookup.</param>
    /// <returns>The factory.</returns>
    public static ConsoleLoggerFactory FromEnvironment(Func<string, string?> env) => new(
        Enum.TryParse<LogLevel>(env("LOG_LEVEL"), true, out var level) ? level : LogLevel.Information,
        string.Equals(env("LOG_FORMAT"), "json", StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new ConsoleLogger(this, categoryName);

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("the operator logs to standard output only");

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            writer.Flush();
        }
    }

    private void Write(LogLevel level, string category, EventId eventId, string message, IReadOnlyList<KeyValuePair<string, object?>>? values, Exception? exception)
    {
        var now = clock.GetUtcNow();
        var line = json ? JsonLine(now, level, category, eventId, message, values, exception) : TextLine(now, level, category, eventId, message, exception);
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static string TextLine(DateTimeOffset now, LogLevel level, string category, EventId eventId, string message, Exception? exception)
    {
        var text = new StringBuilder(128)
            .Append(now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(' ')
            .Append(ShortLevel(level)).Append(": ").Append(category).Append('[').Append(eventId.Id.ToString(CultureInfo.InvariantCulture)).Append("] ")
            .Append(message);
        if (exception is not null)
        {
            text.Append(' ').Append(exception);
        }

        // One entry, one line: log collectors split on newlines.
        return text.Replace('\r', ' ').Replace('\n', ' ').ToString();
    }

    private static string JsonLine(DateTimeOffset now, LogLevel level, string category, EventId eventId, string message, IReadOnlyList<KeyValuePair<string, object?>>? values, Exception? exception)
    {
        using var buffer = new MemoryStream(256);
        using (var entry = new Utf8JsonWriter(buffer))
        {
            entry.WriteStartObject();
            entry.WriteString("time", now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            entry.WriteString("level", level.ToString());
            entry.WriteString("category", category);
            if (eventId.Id != 0)
            {
                entry.WriteNumber("eventId", eventId.Id);
            }

            entry.WriteString("message", message);
            foreach (var (key, value) in values ?? [])
            {
                if (key == "{OriginalFormat}")
                {
                    entry.WriteString("template", value?.ToString());
                    continue;
                }

                switch (value)
                {
                    case null:
                        entry.WriteNull(key);
                        break;
                    case bool b:
                        entry.WriteBoolean(key, b);
                        break;
                    case int or long or double or float or decimal or short or byte or uint or ulong:
                        entry.WritePropertyName(key);
                        entry.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                        break;
                    default:
                        entry.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            if (exception is not null)
            {
                entry.WriteString("exception", exception.ToString());
            }

            entry.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string ShortLevel(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    private sealed class ConsoleLogger(ConsoleLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= factory.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                factory.Write(logLevel, category, eventId, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>>, exception);
            }
        }
    }
}
