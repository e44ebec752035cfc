namespace ShapeBlock.Api.Validation.Cel;

/// <summary>A node of a parsed CEL expression.</summary>
internal abstract record CelExpr;

internal sealed record Literal(object? Value) : CelExpr;

internal sealed record Identifier(string Name) : CelExpr;

internal sealed record Select(CelExpr Operand, string Field) : CelExpr;

internal sealed record Index(CelExpr Operand, CelExpr Key) : CelExpr;

/// <summary>A global (<c>size(x)</c>) or receiver-style (<c>x.size()</c>) call; <see cref="Target"/> is null for globals.</summary>
internal sealed record Call(CelExpr? Target, string Function, IReadOnlyList<CelExpr> Args) : CelExpr;

internal sealed record Unary(string Op, CelExpr Operand) : CelExpr;

internal sealed record Binary(string Op, CelExpr Left, CelExpr Right) : CelExpr;

internal sealed record Conditional(CelExpr Condition, CelExpr Then, CelExpr Else) : CelExpr;

internal sealed record ListExpr(IReadOnlyList<CelExpr> Items) : CelExpr;

internal sealed record MapExpr(IReadOnlyList<(CelExpr Key, CelExpr Value)> Entries) : CelExpr;
