using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ShapeBlock.Api.Validation.Cel;

/// <summary>
/// Evaluates the CEL subset Kubernetes validation rules use: field selection, <c>has()</c>, logical,
/// comparison, arithmetic and ternary operators, <c>in</c>, lists and maps, <c>size</c>,
/// string functions (<c>matches</c>, <c>startsWith</c>, <c>endsWith</c>, <c>contains</c>,
/// <c>lowerAscii</c>, <c>upperAscii</c>) and the macros <c>all</c>, <c>exists</c>, <c>exists_one</c>,
/// <c>map</c>, <c>filter</c>. Values come from JSON (objects, arrays, strings, numbers, booleans).
/// </summary>
public sealed class CelProgram
{
    private const int MaxCachedRegexes = 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Regexes = new(StringComparer.Ordinal);
    private readonly CelExpr root;

    private CelProgram(string source, CelExpr root)
    {
        Source = source;
        this.root = root;
    }

    /// <summary>The rule text.</summary>
    public string Source { get; }

    /// <summary>Whether the rule compares against the previous value (a transition rule).</summary>
    public bool IsTransitionRule => Source.Contains("oldSelf", StringComparison.Ordinal);

    /// <summary>
    /// Whether the rule reads <c>self</c> only through the given top-level fields and <c>self.metadata.name</c> /
    /// <c>self.metadata.generateName</c> (all of metadata a CRD rule can see). A rule of an object whose other fields
    /// changed gives the result it gave when the object was stored; a transition rule or any other use of
    /// <c>self</c> (bare, indexed) says no.
    /// </summary>
    /// <param name="fields">Top-level fields, e.g. <c>spec</c>.</param>
    /// <returns>True when nothing else of <c>self</c> is read.</returns>
    public bool ReadsSelfOnlyThrough(IReadOnlyCollection<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return !IsTransitionRule && OnlyThrough(root, fields);
    }

    private static bool OnlyThrough(CelExpr expr, IReadOnlyCollection<string> fields) => expr switch
    {
        Select { Operand: Select { Operand: Identifier { Name: "self" }, Field: "metadata" } } meta => meta.Field is "name" or "generateName",
        Select { Operand: Identifier { Name: "self" } } top => fields.Contains(top.Field),
        Identifier { Name: "self" } => false,
        Literal or Identifier => true,
        Select select => OnlyThrough(select.Operand, fields),
        Index index => OnlyThrough(index.Operand, fields) && OnlyThrough(index.Key, fields),
        Call call => (call.Target is null || OnlyThrough(call.Target, fields)) && call.Args.All(a => OnlyThrough(a, fields)),
        Unary unary => OnlyThrough(unary.Operand, fields),
        Binary binary => OnlyThrough(binary.Left, fields) && OnlyThrough(binary.Right, fields),
        Conditional conditional => OnlyThrough(conditional.Condition, fields) && OnlyThrough(conditional.Then, fields) && OnlyThrough(conditional.Else, fields),
        ListExpr list => list.Items.All(i => OnlyThrough(i, fields)),
        MapExpr map => map.Entries.All(e => OnlyThrough(e.Key, fields) && OnlyThrough(e.Value, fields)),
        _ => false,
    };

    /// <summary>Parses a rule.</summary>
    /// <param name="source">The CEL text.</param>
    /// <returns>The compiled program.</returns>
    /// <exception cref="CelException">The text is not valid in the supported subset.</exception>
    public static CelProgram Compile(string source) => new(source, CelParser.Parse(source));

    /// <summary>Evaluates the rule to a boolean.</summary>
    /// <param name="self">The value of <c>self</c>.</param>
    /// <param name="oldSelf">The previous value (<c>oldSelf</c>), for transition rules.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CelException">Evaluation failed (missing key, wrong type).</exception>
    public bool Evaluate(JsonNode? self, JsonNode? oldSelf = null)
    {
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal) { ["self"] = FromJson(self) };
        if (oldSelf is not null)
        {
            scope["oldSelf"] = FromJson(oldSelf);
        }

        return Eval(root, scope) is bool result ? result : throw new CelException("rule did not evaluate to a bool");
    }

    internal static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => FromJson(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(FromJson).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)
                ? l
                : (object)double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };

    private static object? Eval(CelExpr expr, Dictionary<string, object?> scope) => expr switch
    {
        Literal literal => literal.Value,
        Identifier id => scope.TryGetValue(id.Name, out var value) ? value : throw new CelException($"undeclared reference to '{id.Name}'"),
        Select select => SelectField(Eval(select.Operand, scope), select.Field),
        Index index => IndexValue(Eval(index.Operand, scope), Eval(index.Key, scope)),
        Unary { Op: "!" } unary => !AsBool(Eval(unary.Operand, scope)),
        Unary unary => Eval(unary.Operand, scope) switch
        {
            long l => -l,
            double d => -d,
            var other => throw new CelException($"no such overload: -{TypeName(other)}"),
        },
        Binary { Op: "&&" } and => Logical(and, scope, shortCircuit: false),
        Binary { Op: "||" } or => Logical(or, scope, shortCircuit: true),
        Binary binary => BinaryOp(binary.Op, Eval(binary.Left, scope), Eval(binary.Right, scope)),
        Conditional conditional => AsBool(Eval(conditional.Condition, scope)) ? Eval(conditional.Then, scope) : Eval(conditional.Else, scope),
        ListExpr list => list.Items.Select(i => Eval(i, scope)).ToList(),
        MapExpr map => map.Entries.ToDictionary(e => AsString(Eval(e.Key, scope)), e => Eval(e.Value, scope), StringComparer.Ordinal),
        Call call => CelFunctions.Invoke(call, scope, Eval),
        _ => throw new CelException("unsupported expression"),
    };

    // CEL's && and || are commutative over errors: `error || true` is true.
    private static bool Logical(Binary binary, Dictionary<string, object?> scope, bool shortCircuit)
    {
        CelException? leftError = null;
        try
        {
            if (AsBool(Eval(binary.Left, scope)) == shortCircuit)
            {
                return shortCircuit;
            }
        }
        catch (CelException e)
        {
            leftError = e;
        }

        var right = AsBool(Eval(binary.Right, scope));
        if (right == shortCircuit)
        {
            return shortCircuit;
        }

        return leftError is null ? right : throw leftError;
    }

    internal static object? SelectField(object? operand, string field) => operand switch
    {
        Dictionary<string, object?> map => map.TryGetValue(field, out var value) ? value : throw new CelException($"no such key: {field}"),
        _ => throw new CelException($"cannot select field '{field}' from {TypeName(operand)}"),
    };

    private static object? IndexValue(object? operand, object? key) => (operand, key) switch
    {
        (List<object?> list, long i) => i >= 0 && i < list.Count ? list[(int)i] : throw new CelException($"index out of bounds: {i}"),
        (Dictionary<string, object?> map, string k) => map.TryGetValue(k, out var value) ? value : throw new CelException($"no such key: {k}"),
        _ => throw new CelException($"no such overload: {TypeName(operand)}[{TypeName(key)}]"),
    };

    private static object? BinaryOp(string op, object? left, object? right) => op switch
    {
        "==" => ValueEquals(left, right),
        "!=" => !ValueEquals(left, right),
        "<" => Compare(left, right) < 0,
        "<=" => Compare(left, right) <= 0,
        ">" => Compare(left, right) > 0,
        ">=" => Compare(left, right) >= 0,
        "in" => right switch
        {
            List<object?> list => list.Any(item => ValueEquals(left, item)),
            Dictionary<string, object?> map => left is string key && map.ContainsKey(key),
            _ => throw new CelException($"no such overload: in {TypeName(right)}"),
        },
        "+" => (left, right) switch
        {
            (long a, long b) => a + b,
            (double a, double b) => a + b,
            (string a, string b) => a + b,
            (List<object?> a, List<object?> b) => a.Concat(b).ToList(),
            _ => throw new CelException($"no such overload: {TypeName(left)} + {TypeName(right)}"),
        },
        "-" => Arithmetic(left, right, (a, b) => a - b, (a, b) => a - b, op),
        "*" => Arithmetic(left, right, (a, b) => a * b, (a, b) => a * b, op),
        "/" => right is 0L ? throw new CelException("division by zero") : Arithmetic(left, right, (a, b) => a / b, (a, b) => a / b, op),
        "%" => right is 0L ? throw new CelException("modulus by zero") : Arithmetic(left, right, (a, b) => a % b, (a, b) => a % b, op),
        _ => throw new CelException($"unknown operator {op}"),
    };

    private static object Arithmetic(object? left, object? right, Func<long, long, long> ints, Func<double, double, double> doubles, string op) =>
        (left, right) switch
        {
            (long a, long b) => ints(a, b),
            (double a, double b) => doubles(a, b),
            _ => throw new CelException($"no such overload: {TypeName(left)} {op} {TypeName(right)}"),
        };

    internal static bool ValueEquals(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (long a, double b) => a == b,
        (double a, long b) => a == b,
        (List<object?> a, List<object?> b) => a.Count == b.Count && a.Zip(b).All(p => ValueEquals(p.First, p.Second)),
        (Dictionary<string, object?> a, Dictionary<string, object?> b) =>
            a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && ValueEquals(p.Value, v)),
        _ => Equals(left, right),
    };

    private static int Compare(object? left, object? right) => (left, right) switch
    {
        (long a, long b) => a.CompareTo(b),
        (double a, double b) => a.CompareTo(b),
        (long a, double b) => ((double)a).CompareTo(b),
        (double a, long b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        (bool a, bool b) => a.CompareTo(b),
        _ => throw new CelException($"no such overload: compare {TypeName(left)} and {TypeName(right)}"),
    };

    internal static bool AsBool(object? value) => value is bool b ? b : throw new CelException($"expected bool, got {TypeName(value)}");

    internal static string AsString(object? value) => value is string s ? s : throw new CelException($"expected string, got {TypeName(value)}");

    internal static string TypeName(object? value) => value switch
    {
        null => "null",
        bool => "bool",
        long => "int",
        double => "double",
        string => "string",
        List<object?> => "list",
        Dictionary<string, object?> => "map",
        _ => value.GetType().Name,
    };

    // Schema patterns and matches() arguments repeat on every validation: parse each pattern once (Regex is
    // thread-safe). Bounded, since a matches() argument may be computed from the data.
    internal static Regex CompileRegex(string pattern)
    {
        if (Regexes.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (Regexes.Count < MaxCachedRegexes)
        {
            Regexes.TryAdd(pattern, regex);
        }

        return regex;
    }
}
