using ShapeBlock.Api.Validation;
using ShapeBlock.Sdk.Planning;
using ShapeBlock.Sdk.Platform;

namespace ShapeBlock.Sdk.Validation;

/// <summary>Validates the rendered custom resources against their CRD schemas, as the API server would.</summary>
internal static class SchemaChecks
{
    private static readonly HashSet<string> Kinds = ["Project", "App", "AppBuild", "Service", "Team"];

    public static void Check(Plan plan, ProblemList problems)
    {
        foreach (var obj in plan.Objects.Where(o => o.ResourcePath is not null && o.ApiVersion == ShapeBlock.Api.ApiGroup.ApiVersion && Kinds.Contains(o.Kind)))
        {
            var path = obj.ResourcePath!;
            // Skip fields the model checks already explained in their own words.
            var known = problems.Items.Where(p => p.Path == path && p.Field is not null).Select(p => p.Field!).ToHashSet(StringComparer.Ordinal);
            var result = SchemaValidator.Validate(ShapeBlockCrds.Schema(obj.Kind), obj.Manifest);
            foreach (var error in result.Errors)
            {
                var field = error.Field.Length == 0 ? "metadata.name" : error.Field;
                if (!known.Any(k => field == k || field.StartsWith(k + ".", StringComparison.Ordinal) || field.StartsWith(k + "[", StringComparison.Ordinal)))
                {
                    problems.Error(path, $"{obj.Kind} {error.Message}", field);
                }
            }
        }
    }
}
