using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShapeBlock.Operator.Relay;

/// <summary>
/// Writes timestamps exactly as the original Go operator did (<c>time.RFC3339</c> in UTC, whole
/// seconds, e.g. <c>2025-01-31T12:00:00Z</c>) so existing servers parse them unchanged.
/// </summary>
public sealed class Rfc3339UtcConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
