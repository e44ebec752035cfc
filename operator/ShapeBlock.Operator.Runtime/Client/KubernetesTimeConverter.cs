using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShapeBlock.Operator.Runtime.Client;

/// <summary>
/// Kubernetes timestamps in source-generated contexts of <c>k8s.Models</c> types: written in UTC with
/// microseconds (valid for both <c>Time</c> and <c>MicroTime</c> fields, as KubernetesClient writes them),
/// read from any RFC 3339 form.
/// </summary>
public sealed class KubernetesTimeConverter : JsonConverter<DateTime>
{
    /// <inheritdoc />
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.Parse(reader.GetString() ?? throw new JsonException("a timestamp is null"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        writer.WriteStringValue(utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture));
    }
}
