using ShapeBlock.Testing.Kubernetes.Semantics;
using ShapeBlock.Testing.Kubernetes.Storage;

namespace ShapeBlock.Testing.Kubernetes.Faults;

/// <summary>
/// Faults a test injects into the HTTP API: cut watch streams, 410 on the next watch, 409 on the next
/// writes, latency (of requests, or of the events on open watches), failing verbs with 500; plus request counting. In-process callers are not affected.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock sync = new();
    private readonly List<FaultRule> rules = [];
    private readonly ObjectStore store;

    internal FaultInjector(ObjectStore store) => this.store = store;

    /// <summary>Request counts by verb and resource.</summary>
    public RequestCounter Requests { get; } = new();

    /// <summary>Closes every open HTTP watch stream now (clients see the stream end and must re-watch).</summary>
    /// <returns>How many streams were cut.</returns>
    public int CutWatches() => store.CloseWatchers(externalOnly: true);

    /// <summary>The next watch (of the resource, when given) that starts from a resourceVersion gets an ERROR event with 410 Expired.</summary>
    /// <param name="resource">Resource filter (see <see cref="RequestCounter.Count"/>), or null for any.</param>
    /// <param name="times">How many watches to fail.</param>
    public void ForceGoneOnNextWatch(string? resource = null, int times = 1) =>
        Add(new FaultRule(["watch"], resource, times, FaultKind.Gone, 410, TimeSpan.Zero));

    /// <summary>The next <paramref name="count"/> writes (update and patch, by default) fail with 409 Conflict.</summary>
    /// <param name="count">How many.</param>
    /// <param name="resource">Resource filter, or null for any.</param>
    /// <param name="verbs">Verbs to fail; default update and patch.</param>
    public void ConflictOnNextWrites(int count, string? resource = null, params string[] verbs) =>
        Add(new FaultRule(verbs.Length > 0 ? verbs : ["update", "patch"], resource, count, FaultKind.Conflict, 409, TimeSpan.Zero));

    /// <summary>Requests with this verb (and resource) fail with an error status (500 InternalError by default).</summary>
    /// <param name="verb">The verb.</param>
    /// <param name="resource">Resource filter, or null for any.</param>
    /// <param name="times">How many requests; null for every one until <see cref="Reset"/>.</param>
    /// <param name="statusCode">HTTP status (500, 503, 429…).</param>
    public void FailRequests(string verb, string? resource = null, int? times = null, int statusCode = 500) =>
        Add(new FaultRule([verb], resource, times, FaultKind.Error, statusCode, TimeSpan.Zero));

    /// <summary>Delays matching requests.</summary>
    /// <param name="delay">The added latency.</param>
    /// <param name="verb">Verb filter, or null for every verb.</param>
    /// <param name="resource">Resource filter, or null for any.</param>
    public void AddLatency(TimeSpan delay, string? verb = null, string? resource = null) =>
        Add(new FaultRule(verb is null ? [] : [verb], resource, null, FaultKind.Latency, 0, delay));

    /// <summary>
    /// Delays the events of open and future watches (of the resource, when given): each event reaches the client
    /// about <paramref name="delay"/> after it happened, in order — one informer falls behind the others, as a
    /// busy API server or a slow link makes it.
    /// </summary>
    /// <param name="delay">The added latency per event.</param>
    /// <param name="resource">Resource filter, or null for any.</param>
    public void DelayWatchEvents(TimeSpan delay, string? resource = null) =>
        Add(new FaultRule(["watch-event"], resource, null, FaultKind.Latency, 0, delay));

    /// <summary>Removes every fault (counts are kept; see <see cref="RequestCounter.Reset"/>).</summary>
    public void Reset()
    {
        lock (sync)
        {
            rules.Clear();
        }
    }

    internal async Task BeforeAsync(string verb, string group, string resourcePath, string? name, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.Zero;
        FaultRule? failing = null;
        lock (sync)
        {
            foreach (var rule in rules.Where(r => r.Applies(verb, group, resourcePath)))
            {
                if (rule.Kind == FaultKind.Latency)
                {
                    delay += rule.Delay;
                }
                else if (rule.Kind is FaultKind.Conflict or FaultKind.Error && failing is null && rule.Take())
                {
                    failing = rule;
                }
            }

            rules.RemoveAll(r => r.Exhausted);
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        if (failing is { Kind: FaultKind.Conflict })
        {
            throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {resourcePath} \"{name}\": the object has been modified; please apply your changes to the latest version and try again (injected)")
            {
                Name = name,
                Group = group,
                Kind = resourcePath.Split('/')[0],
            };
        }

        if (failing is { Kind: FaultKind.Error })
        {
            throw failing.StatusCode == 500
                ? ApiException.Internal("injected fault")
                : new ApiException(failing.StatusCode, failing.StatusCode == 429 ? "TooManyRequests" : "InternalError", $"injected fault ({failing.StatusCode})") { RetryAfterSeconds = failing.StatusCode == 429 ? 1 : null };
        }
    }

    internal TimeSpan WatchEventDelay(string group, string resourcePath)
    {
        lock (sync)
        {
            return rules.Where(r => r.Kind == FaultKind.Latency && r.Applies("watch-event", group, resourcePath) && r.HasVerbs)
                .Aggregate(TimeSpan.Zero, (total, r) => total + r.Delay);
        }
    }

    internal bool TakeForcedGone(string group, string resourcePath)
    {
        lock (sync)
        {
            var rule = rules.FirstOrDefault(r => r.Kind == FaultKind.Gone && r.Applies("watch", group, resourcePath));
            if (rule is null || !rule.Take())
            {
                return false;
            }

            rules.RemoveAll(r => r.Exhausted);
            return true;
        }
    }

    private void Add(FaultRule rule)
    {
        lock (sync)
        {
            rules.Add(rule);
        }
    }

    private enum FaultKind
    {
        Gone,
        Conflict,
        Error,
        Latency,
    }

    private sealed class FaultRule(string[] verbs, string? resource, int? times, FaultKind kind, int statusCode, TimeSpan delay)
    {
        private int? remaining = times;

        public FaultKind Kind { get; } = kind;

        public int StatusCode { get; } = statusCode;

        public TimeSpan Delay { get; } = delay;

        public bool Exhausted => remaining is <= 0;

        public bool HasVerbs => verbs.Length > 0;

        public bool Applies(string verb, string group, string resourcePath) =>
            !Exhausted && (verbs.Length == 0 || verbs.Contains(verb)) && RequestCounter.Matches(group, resourcePath, resource);

        public bool Take()
        {
            if (remaining is { } n)
            {
                remaining = n - 1;
            }

            return true;
        }
    }
}
