using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ShapeBlock.Testing.Clouds;

/// <summary>JSON settings shared by both fakes: explicit snake_case names on the records, nulls written like the real APIs.</summary>
public static class CloudJson
{
    /// <summary>The serializer options the fakes use (tests may use them to read answers into the same records).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        ReadCommentHandling = JsonCommentHandling.Disallow,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "+00:00" as the real APIs write it, not "\u002B00:00"
    };

    internal static async Task<BodyResult<T>> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Options, context.RequestAborted);
            return value is null ? new BodyResult<T>(null, "the request body must be a JSON object") : new BodyResult<T>(value, null);
        }
        catch (JsonException e)
        {
            return new BodyResult<T>(null, e.Message);
        }
    }

    internal static IResult Json(object value, int status = 200) => Results.Json(value, Options, statusCode: status);
}

/// <summary>A parsed request body, or why it could not be parsed.</summary>
internal sealed record BodyResult<T>(T? Value, string? Error)
    where T : class;
