using System.Collections.Concurrent;
using ShapeBlock.Api.Validation.Cel;

namespace ShapeBlock.Api.Validation;

/// <summary>Compiled CEL rules by their text: a schema's rules are parsed once, not on every request.</summary>
internal static class RuleCache
{
    private static readonly ConcurrentDictionary<string, CelProgram> Programs = new(StringComparer.Ordinal);

    public static CelProgram Get(string rule) => Programs.GetOrAdd(rule, CelProgram.Compile);
}
