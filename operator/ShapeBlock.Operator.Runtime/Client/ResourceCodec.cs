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
public sealed class JsonTypeInfoCodec<T> : IResourceCodec<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Func<JsonTypeInfo<T>>? resolve;
    private JsonTypeInfo<T>? typeInfo;

    /// <summary>A codec over metadata at hand.</summary>
    /// <param name="typeInfo">The generated metadata.</param>
    public JsonTypeInfoCodec(JsonTypeInfo<T> typeInfo) => this.typeInfo = typeInfo;

    /// <summary>
    /// A codec that resolves its metadata on first use: a context configures a type's metadata, and that of every
    /// type it reaches, when it is first asked for it (milliseconds for e.g. <c>V1Job</c> and its pod spec), so
    /// codecs created up front would pay that at start-up even for kinds of which no object exists yet.
    /// </summary>
    /// <param name="resolve">Returns the generated metadata, e.g. <c>() => MyContext.Default.V1Job</c>.</param>
    public JsonTypeInfoCodec(Func<JsonTypeInfo<T>> resolve) => this.resolve = resolve;

    // A race resolves twice at worst: a context hands out one cached instance per type.
    private JsonTypeInfo<T> TypeInfo => typeInfo ??= resolve!();

    /// <inheritdoc />
    public T Read(JsonElement element) => element.Deserialize(TypeInfo) ?? throw new JsonException($"null {typeof(T).Name}");

    /// <inheritdoc />
    public T Read(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, TypeInfo) ?? throw new JsonException($"null {typeof(T).Name}");

    /// <inheritdoc />
    public byte[] Write(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo);
}
