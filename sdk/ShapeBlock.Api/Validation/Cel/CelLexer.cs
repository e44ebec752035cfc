using System.Globalization;
using System.Text;

namespace ShapeBlock.Api.Validation.Cel;

internal enum TokenKind
{
    Identifier,
    Int,
    Double,
    String,
    Operator,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, object? Value, int Position);

/// <summary>Splits a CEL expression into tokens.</summary>
internal static class CelLexer
{
    private static readonly string[] Operators =
        ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}", "+", "-", "*", "/", "%"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], null, start));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }

                var isDouble = i + 1 < text.Length && text[i] == '.' && char.IsDigit(text[i + 1]);
                if (isDouble)
                {
                    i++;
                    while (i < text.Length && char.IsDigit(text[i]))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Double, text[start..i], double.Parse(text[start..i], CultureInfo.InvariantCulture), start));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Int, text[start..i], long.Parse(text[start..i], CultureInfo.InvariantCulture), start));
                    if (i < text.Length && text[i] == 'u')
                    {
                        i++;
                    }
                }
            }
            else if (c is '\'' or '"')
            {
                var start = i;
                var (value, end) = ReadString(text, i);
                i = end;
                tokens.Add(new Token(TokenKind.String, text[start..i], value, start));
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                    ?? throw new CelException($"unexpected character '{c}' at {i}");
                tokens.Add(new Token(TokenKind.Operator, op, null, i));
                i += op.Length;
            }
        }

        tokens.Add(new Token(TokenKind.End, "", null, text.Length));
        return tokens;
    }

    private static (string Value, int End) ReadString(string text, int start)
    {
        var quote = text[start];
        var builder = new StringBuilder();
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                builder.Append(text[i] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    _ => text[i],
                });
            }
            else
            {
                builder.Append(text[i]);
            }

            i++;
        }

        if (i >= text.Length)
        {
            throw new CelException($"unterminated string at {start}");
        }

        return (builder.ToString(), i + 1);
    }
}
