using System.Text.Json;
using k8s;
using k8s.Models;

namespace ShapeBlock.Operator.Runtime.Client;

/// <summary>
/// Reads a list response (<c>{"items":[...],"metadata":{"resourceVersion","continue"}}</c>) straight from its UTF-8
/// bytes, one item at a time, without a <see cref="JsonDocument"/> of the whole page.
/// </summary>
internal static class ListPageReader
{
    public static ListPage<T> Read<T>(ReadOnlySpan<byte> json, IResourceCodec<T> codec)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a list response is not a JSON object");
        }

        var items = new List<T>();
        var version = "";
        string? next = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(codec.Read(ref reader));
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    (version, next) = ReadListMeta(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ListPage<T>(items, version, next);
    }

    private static (string Version, string? Continue) ReadListMeta(ref Utf8JsonReader reader)
    {
        var version = "";
        string? next = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVersion = reader.ValueTextEquals("resourceVersion"u8);
            var isContinue = !isVersion && reader.ValueTextEquals("continue"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && (isVersion || isContinue))
            {
                var value = reader.GetString();
                if (isVersion)
                {
                    version = value ?? "";
                }
                else
                {
                    next = value;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return (version, next);
    }
}
