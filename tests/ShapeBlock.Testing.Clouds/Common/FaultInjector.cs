namespace ShapeBlock.Testing.Clouds;

/// <summary>Injects faults (429, 5xx, dropped connections, latency) into a fake cloud's answers.</summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<(FaultRule Rule, int Remaining)> rules = [];

    /// <summary>Latency added to every request before it is handled.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Faults not yet consumed, summed over all rules.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return rules.Sum(r => r.Remaining);
            }
        }
    }

    /// <summary>Adds a fault rule; rules are tried in the order they were added.</summary>
    /// <param name="rule">The rule.</param>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rule.Count);
        lock (gate)
        {
            rules.Add((rule, rule.Count));
        }
    }

    /// <summary>The next <paramref name="count"/> matching requests get 429 with <c>Retry-After</c> and rate-limit headers.</summary>
    /// <param name="count">Number of requests.</param>
    /// <param name="retryAfter">The announced wait (default 1 s).</param>
    /// <param name="method">HTTP method to match, or null for any.</param>
    /// <param name="pathPrefix">Path prefix to match, or null for any.</param>
    public void RateLimit(int count, TimeSpan? retryAfter = null, string? method = null, string? pathPrefix = null) =>
        Add(new FaultRule { Status = 429, Count = count, RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1), Method = method, PathPrefix = pathPrefix });

    /// <summary>The next <paramref name="count"/> matching requests get a server error.</summary>
    /// <param name="count">Number of requests.</param>
    /// <param name="status">500, 502, 503 or 504.</param>
    /// <param name="method">HTTP method to match, or null for any.</param>
    /// <param name="pathPrefix">Path prefix to match, or null for any.</param>
    public void ServerError(int count, int status = 503, string? method = null, string? pathPrefix = null) =>
        Add(new FaultRule { Status = status, Count = count, Method = method, PathPrefix = pathPrefix });

    /// <summary>The next <paramref name="count"/> matching requests have their connection dropped without an answer.</summary>
    /// <param name="count">Number of requests.</param>
    /// <param name="method">HTTP method to match, or null for any.</param>
    /// <param name="pathPrefix">Path prefix to match, or null for any.</param>
    public void DropConnection(int count, string? method = null, string? pathPrefix = null) =>
        Add(new FaultRule { Abort = true, Count = count, Method = method, PathPrefix = pathPrefix });

    /// <summary>Removes every rule and the latency.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
            Latency = TimeSpan.Zero;
        }
    }

    /// <summary>Consumes one fault for this request, if a rule matches.</summary>
    internal FaultRule? Take(string method, string path)
    {
        lock (gate)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var (rule, remaining) = rules[i];
                if (!rule.Matches(method, path))
                {
                    continue;
                }

                if (remaining <= 1)
                {
                    rules.RemoveAt(i);
                }
                else
                {
                    rules[i] = (rule, remaining - 1);
                }

                return rule;
            }

            return null;
        }
    }
}
