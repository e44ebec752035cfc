using System.Text;
using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Semantics;

namespace ShapeBlock.Testing.Kubernetes.Http;

/// <summary>
/// Decodes the protobuf request bodies kubectl's typed commands send (<c>create namespace|configmap|secret|serviceaccount</c>,
/// <c>drain</c>'s Evictions): the <c>k8s\0</c> envelope around <c>runtime.Unknown</c> and the few kinds above.
/// Other kinds in protobuf are answered with 415 (responses are always JSON, which clients accept).
/// </summary>
internal static class ProtobufBody
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < 4 || !body.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw Unsupported("the protobuf body lacks the k8s envelope");
        }

        string? apiVersion = null, kind = null;
        byte[]? raw = null;
        foreach (var (field, value) in Fields(body.AsMemory(4)))
        {
            switch (field)
            {
                case 1:
                    foreach (var (f, v) in Fields(value))
                    {
                        if (f == 1) { apiVersion = Str(v); }
                        if (f == 2) { kind = Str(v); }
                    }

                    break;
                case 2:
                    raw = value.ToArray();
                    break;
            }
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (field, value) in Fields(raw ?? []))
        {
            switch ((kind, field))
            {
                case (_, 1):
                    obj["metadata"] = ObjectMeta(value);
                    break;
                case ("ConfigMap", 2) or ("Secret", 4):
                    AddEntry(obj, kind == "Secret" ? "stringData" : "data", value, bytes: false);
                    break;
                case ("ConfigMap", 3) or ("Secret", 2):
                    AddEntry(obj, kind == "Secret" ? "data" : "binaryData", value, bytes: true);
                    break;
                case ("Secret", 3):
                    Set(obj, "type", value);
                    break;
                case ("Eviction", 2):
                    obj["deleteOptions"] = DeleteOptions(value);
                    break;
                case ("Namespace" or "ServiceAccount", _):
                    break;
                default:
                    throw Unsupported($"protobuf field {field} of {kind} is not supported; send JSON");
            }
        }

        return kind is "Namespace" or "ConfigMap" or "Secret" or "ServiceAccount" or "Eviction"
            ? obj
            : throw Unsupported($"protobuf bodies of kind {kind} are not supported; send JSON");
    }

    private static JsonObject ObjectMeta(ReadOnlyMemory<byte> data)
    {
        var meta = new JsonObject();
        foreach (var (field, value) in Fields(data))
        {
            switch (field)
            {
                case 1: Set(meta, "name", value); break;
                case 2: Set(meta, "generateName", value); break;
                case 3: Set(meta, "namespace", value); break;
                case 11: AddEntry(meta, "labels", value, bytes: false); break;
                case 12: AddEntry(meta, "annotations", value, bytes: false); break;
                case 14: ((meta["finalizers"] ??= new JsonArray()) as JsonArray)!.Add(Str(value)); break;
            }
        }

        return meta;
    }

    private static JsonObject DeleteOptions(ReadOnlyMemory<byte> data)
    {
        var options = new JsonObject();
        foreach (var (field, value) in Fields(data))
        {
            switch (field)
            {
                case 2:
                    var preconditions = new JsonObject();
                    foreach (var (f, v) in Fields(value))
                    {
                        Set(preconditions, f == 1 ? "uid" : "resourceVersion", v);
                    }

                    options["preconditions"] = preconditions;
                    break;
                case 4:
                    Set(options, "propagationPolicy", value);
                    break;
            }
        }

        return options;
    }

    private static void AddEntry(JsonObject target, string property, ReadOnlyMemory<byte> entry, bool bytes)
    {
        string key = "", value = "";
        foreach (var (field, data) in Fields(entry))
        {
            if (field == 1)
            {
                key = Str(data);
            }
            else
            {
                value = bytes ? Convert.ToBase64String(data.Span) : Str(data);
            }
        }

        ((target[property] ??= new JsonObject()) as JsonObject)![key] = value;
    }

    /// <summary>The length-delimited fields of a message (varint fields are skipped: none of the decoded ones need them).</summary>
    private static IEnumerable<(int Field, ReadOnlyMemory<byte> Value)> Fields(ReadOnlyMemory<byte> data)
    {
        var position = 0;
        while (position < data.Length)
        {
            var tag = (int)Varint(data.Span, ref position);
            var field = tag >> 3;
            switch (tag & 7)
            {
                case 0:
                    Varint(data.Span, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(data.Span, ref position);
                    yield return (field, data.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw Unsupported("malformed protobuf body");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Unsupported("malformed protobuf varint");
    }

    // Protobuf carries empty strings for unset optional fields; JSON clients omit them.
    private static void Set(JsonObject target, string property, ReadOnlyMemory<byte> value)
    {
        if (value.Length > 0)
        {
            target[property] = Str(value);
        }
    }

    private static string Str(ReadOnlyMemory<byte> data) => Encoding.UTF8.GetString(data.Span);

    private static ApiException Unsupported(string detail) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml ({detail})");
}
