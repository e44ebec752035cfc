using System.Collections.Concurrent;

namespace ShapeBlock.Sdk.Provisioning;

/// <summary>
/// Every secret value one provisioning run handles (API token, k3s token, private key lines, kubeconfig), so that
/// progress lines and error messages can be checked and masked before they leave the provisioner.
/// </summary>
internal sealed class SecretScrubber
{
    private readonly ConcurrentDictionary<string, byte> values = new(StringComparer.Ordinal);

    public void Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return;
        }

        // Multi-line secrets (keys, kubeconfigs) are matched line by line: a message may quote one line. Short
        // structural lines ("kind: Config", "server: …") are no secret and would only mask harmless text.
        foreach (var line in secret.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var sensitive = line.Length >= 40 || line.Contains("token", StringComparison.OrdinalIgnoreCase) || line.Contains("password", StringComparison.OrdinalIgnoreCase);
            if (sensitive && !line.StartsWith("-----", StringComparison.Ordinal) && !line.StartsWith("server:", StringComparison.Ordinal))
            {
                values.TryAdd(line, 0);
            }
        }

        if (secret.Trim().Length >= 8)
        {
            values.TryAdd(secret.Trim(), 0);
        }
    }

    public string Scrub(string text)
    {
        foreach (var value in values.Keys.OrderByDescending(v => v.Length))
        {
            text = text.Replace(value, Secret.Mask, StringComparison.Ordinal);
        }

        return text;
    }

    public bool Contains(string text) => values.Keys.Any(v => text.Contains(v, StringComparison.Ordinal));

    /// <summary>A progress sink that masks secrets before passing lines on.</summary>
    public IProgress<ProvisionEvent>? Wrap(IProgress<ProvisionEvent>? inner) =>
        inner is null ? null : new ScrubbedProgress(this, inner);

    private sealed class ScrubbedProgress(SecretScrubber scrubber, IProgress<ProvisionEvent> inner) : IProgress<ProvisionEvent>
    {
        public void Report(ProvisionEvent value) => inner.Report(value with { Message = scrubber.Scrub(value.Message) });
    }
}
