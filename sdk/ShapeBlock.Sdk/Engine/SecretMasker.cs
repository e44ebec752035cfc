using System.Collections.Concurrent;
using System.Text;

namespace ShapeBlock.Sdk.Engine;

/// <summary>
/// Remembers every secret value the engine revealed during a run (and its base64) and masks them in text that
/// comes from elsewhere — build logs — before it is shown. A safety net: our own messages never carry values.
/// </summary>
internal sealed class SecretMasker
{
    private readonly ConcurrentDictionary<string, byte> values = new(StringComparer.Ordinal);

    public void Add(string value)
    {
        // Very short values would mask ordinary words; they are not worth masking in logs.
        if (value.Length >= 6)
        {
            values.TryAdd(value, 0);
            values.TryAdd(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)), 0);
            foreach (var line in value.Split('\n').Where(l => l.Length >= 6 && l != value))
            {
                values.TryAdd(line, 0);
            }
        }
    }

    public string Mask(string text)
    {
        // Longest first, so a value containing another is masked whole.
        foreach (var value in values.Keys.OrderByDescending(v => v.Length))
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Secret.Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
