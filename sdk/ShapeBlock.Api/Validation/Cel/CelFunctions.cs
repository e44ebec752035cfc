using System.Globalization;

namespace ShapeBlock.Api.Validation.Cel;

/// <summary>The functions and macros of the supported CEL subset.</summary>
internal static class CelFunctions
{
    public delegate object? Evaluator(CelExpr expr, Dictionary<string, object?> scope);

    public static object? Invoke(Call call, Dictionary<string, object?> scope, Evaluator eval)
    {
        if (call is { Target: null, Function: "has" })
        {
            return Has(call, scope, eval);
        }

        if (call.Target is not null && call.Function is "all" or "exists" or "exists_one" or "map" or "filter")
        {
            return Macro(call, scope, eval);
        }

        var target = call.Target is null ? null : eval(call.Target, scope);
        var args = call.Args.Select(a => eval(a, scope)).ToList();
        var receiver = call.Target is null ? (args.Count > 0 ? args[0] : null) : target;
        var rest = call.Target is null ? args.Skip(1).ToList() : args;

        return call.Function switch
        {
            "size" => receiver switch
            {
                string s => (long)new StringInfo(s).LengthInTextElements,
                List<object?> l => (long)l.Count,
                Dictionary<string, object?> m => (long)m.Count,
                _ => throw new CelException($"no such overload: size({CelProgram.TypeName(receiver)})"),
            },
            "matches" => CelProgram.CompileRegex(CelProgram.AsString(rest.Single())).IsMatch(CelProgram.AsString(receiver)),
            "startsWith" => CelProgram.AsString(receiver).StartsWith(CelProgram.AsString(rest.Single()), StringComparison.Ordinal),
            "endsWith" => CelProgram.AsString(receiver).EndsWith(CelProgram.AsString(rest.Single()), StringComparison.Ordinal),
            "contains" => CelProgram.AsString(receiver).Contains(CelProgram.AsString(rest.Single()), StringComparison.Ordinal),
            "lowerAscii" => CelProgram.AsString(receiver).ToLowerInvariant(),
            "upperAscii" => CelProgram.AsString(receiver).ToUpperInvariant(),
            "int" => receiver switch
            {
                long l => l,
                double d => (long)d,
                string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
                _ => throw new CelException($"cannot convert {CelProgram.TypeName(receiver)} to int"),
            },
            "string" => receiver switch
            {
                string s => s,
                long l => l.ToString(CultureInfo.InvariantCulture),
                double d => d.ToString(CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                _ => throw new CelException($"cannot convert {CelProgram.TypeName(receiver)} to string"),
            },
            _ => throw new CelException($"undeclared function '{call.Function}'"),
        };
    }

    private static bool Has(Call call, Dictionary<string, object?> scope, Evaluator eval)
    {
        if (call.Args is not [Select select])
        {
            throw new CelException("has() takes a field selection, e.g. has(self.spec)");
        }

        return eval(select.Operand, scope) switch
        {
            Dictionary<string, object?> map => map.TryGetValue(select.Field, out var value) && value is not null,
            var other => throw new CelException($"has() on {CelProgram.TypeName(other)}"),
        };
    }

    private static object? Macro(Call call, Dictionary<string, object?> scope, Evaluator eval)
    {
        if (call.Args.Count != 2 || call.Args[0] is not Identifier variable)
        {
            throw new CelException($"{call.Function}() takes a variable and an expression");
        }

        var items = eval(call.Target!, scope) switch
        {
            List<object?> list => list,
            Dictionary<string, object?> map => map.Keys.Cast<object?>().ToList(),
            var other => throw new CelException($"{call.Function}() on {CelProgram.TypeName(other)}"),
        };

        var inner = new Dictionary<string, object?>(scope, StringComparer.Ordinal);
        object? Apply(object? item)
        {
            inner[variable.Name] = item;
            return eval(call.Args[1], inner);
        }

        return call.Function switch
        {
            "all" => items.All(i => CelProgram.AsBool(Apply(i))),
            "exists" => items.Any(i => CelProgram.AsBool(Apply(i))),
            "exists_one" => items.Count(i => CelProgram.AsBool(Apply(i))) == 1,
            "map" => items.Select(Apply).ToList(),
            _ => items.Where(i => CelProgram.AsBool(Apply(i))).ToList(),
        };
    }
}
