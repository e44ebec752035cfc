namespace ShapeBlock.Api.Validation.Cel;

/// <summary>Recursive-descent parser for the CEL subset used by Kubernetes validation rules.</summary>
internal sealed class CelParser
{
    private readonly List<Token> tokens;
    private int position;

    private CelParser(string text)
    {
        tokens = CelLexer.Tokenize(text);
    }

    public static CelExpr Parse(string text)
    {
        var parser = new CelParser(text);
        var expr = parser.ParseConditional();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw new CelException($"unexpected '{parser.Peek.Text}' at {parser.Peek.Position}");
        }

        return expr;
    }

    private Token Peek => tokens[position];

    private bool TryOperator(string op)
    {
        if (Peek.Kind == TokenKind.Operator && Peek.Text == op)
        {
            position++;
            return true;
        }

        return false;
    }

    private void Expect(string op)
    {
        if (!TryOperator(op))
        {
            throw new CelException($"expected '{op}' at {Peek.Position}, found '{Peek.Text}'");
        }
    }

    private CelExpr ParseConditional()
    {
        var condition = ParseOr();
        if (!TryOperator("?"))
        {
            return condition;
        }

        var then = ParseOr();
        Expect(":");
        return new Conditional(condition, then, ParseConditional());
    }

    private CelExpr ParseOr() => ParseLeftAssociative(ParseAnd, "||");

    private CelExpr ParseAnd() => ParseLeftAssociative(ParseRelation, "&&");

    private CelExpr ParseRelation()
    {
        var left = ParseAdditive();
        while (true)
        {
            var op = Peek switch
            {
                { Kind: TokenKind.Operator, Text: "==" or "!=" or "<" or "<=" or ">" or ">=" } t => t.Text,
                { Kind: TokenKind.Identifier, Text: "in" } => "in",
                _ => null,
            };
            if (op is null)
            {
                return left;
            }

            position++;
            left = new Binary(op, left, ParseAdditive());
        }
    }

    private CelExpr ParseAdditive() => ParseLeftAssociative(ParseMultiplicative, "+", "-");

    private CelExpr ParseMultiplicative() => ParseLeftAssociative(ParseUnary, "*", "/", "%");

    private CelExpr ParseLeftAssociative(Func<CelExpr> next, params string[] ops)
    {
        var left = next();
        while (Peek.Kind == TokenKind.Operator && ops.Contains(Peek.Text))
        {
            var op = tokens[position++].Text;
            left = new Binary(op, left, next());
        }

        return left;
    }

    private CelExpr ParseUnary()
    {
        if (TryOperator("!"))
        {
            return new Unary("!", ParseUnary());
        }

        return TryOperator("-") ? new Unary("-", ParseUnary()) : ParseMember();
    }

    private CelExpr ParseMember()
    {
        var expr = ParsePrimary();
        while (true)
        {
            if (TryOperator("."))
            {
                var name = ExpectIdentifier();
                expr = TryOperator("(") ? new Call(expr, name, ParseArguments(")")) : new Select(expr, name);
            }
            else if (TryOperator("["))
            {
                var key = ParseConditional();
                Expect("]");
                expr = new Index(expr, key);
            }
            else
            {
                return expr;
            }
        }
    }

    private CelExpr ParsePrimary()
    {
        var token = tokens[position++];
        switch (token.Kind)
        {
            case TokenKind.Int or TokenKind.Double or TokenKind.String:
                return new Literal(token.Value);
            case TokenKind.Identifier:
                return token.Text switch
                {
                    "true" => new Literal(true),
                    "false" => new Literal(false),
                    "null" => new Literal(null),
                    _ => TryOperator("(") ? new Call(null, token.Text, ParseArguments(")")) : new Identifier(token.Text),
                };
            case TokenKind.Operator when token.Text == "(":
                var inner = ParseConditional();
                Expect(")");
                return inner;
            case TokenKind.Operator when token.Text == "[":
                return new ListExpr(ParseArguments("]"));
            case TokenKind.Operator when token.Text == "{":
                return ParseMap();
            default:
                throw new CelException($"unexpected '{token.Text}' at {token.Position}");
        }
    }

    private MapExpr ParseMap()
    {
        var entries = new List<(CelExpr, CelExpr)>();
        while (!TryOperator("}"))
        {
            var key = ParseConditional();
            Expect(":");
            entries.Add((key, ParseConditional()));
            if (!TryOperator(","))
            {
                Expect("}");
                break;
            }
        }

        return new MapExpr(entries);
    }

    private List<CelExpr> ParseArguments(string close)
    {
        var args = new List<CelExpr>();
        if (TryOperator(close))
        {
            return args;
        }

        do
        {
            args.Add(ParseConditional());
        }
        while (TryOperator(","));

        Expect(close);
        return args;
    }

    private string ExpectIdentifier()
    {
        var token = tokens[position++];
        return token.Kind == TokenKind.Identifier ? token.Text : throw new CelException($"expected a field name at {token.Position}");
    }
}
