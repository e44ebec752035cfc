using System.Text.Json.Nodes;
using ShapeBlock.Api.Serialization;
using ShapeBlock.Api.Validation;

namespace ShapeBlock.Api.Tests;

internal static class Samples
{
    public static readonly Dictionary<string, string> PluralByKind = new()
    {
        ["Project"] = "projects",
        ["App"] = "apps",
        ["AppBuild"] = "appbuilds",
        ["Service"] = "services",
        ["Team"] = "teams",
    };

    public static JsonObject Load(string fileName) =>
        YamlJson.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.ManifestDirectory, fileName)))!.AsObject();

    public static ValidationResult Validate(JsonNode obj, JsonNode? old = null) =>
        SchemaValidator.Validate(RepositoryFiles.CrdSchema(PluralByKind[obj["kind"]!.GetValue<string>()]), obj, old);
}
