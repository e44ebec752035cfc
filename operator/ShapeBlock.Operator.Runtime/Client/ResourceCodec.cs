using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace ShapeBlock.Operator.Runtime.Client;

/// <summary>Reads and writes one object type as JSON, without reflection (NativeAOT).</summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IResourceCodec<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Reads an object.</summary>
    /// <param name="element">The JSON.</param>
    /// <returns>The object.</returns>
    T Read(JsonElement element);

    /// <summary>Reads an object from a reader positioned on its start (list pages); the reader ends on its last token.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The object.</returns>
    T Read(ref Utf8JsonReader reader) => Read(JsonElement.ParseValue(ref reader));

    /// <summary>Writes an object.</summary>
    /// <param name="value">The object.</param>
    /// <returns>UTF-8 JSON.</returns>
    byte[] Write(T value);
}

/// <summary>
/// Codec over source-generated metadata: ShapeBlock's resources and the few <c>k8s.Models</c> types a program
/// really reads and writes (never KubernetesClient's <c>KubernetesJson</c>, whose context of every model
/// would be compiled into a NativeAOT binary).
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="typeInfo">The generated metadata.</param>
public sealed class JsonTypeInfoCodec<T>(JsonTypeInfo<T> typeInfo) : IResourceCodec<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    public T Read(JsonElement element) => element.Deserialize(typeInfo) ?? throw new JsonException($"null {typeof(T).Name}");

    /// <inheritdoc />
    public T Read(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, typeInfo) ?? throw new JsonException($"null {typeof(T).Name}");

    /// <inheritdoc />
    public byte[] Write(T value) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
}
