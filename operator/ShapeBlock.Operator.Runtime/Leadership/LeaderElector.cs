using System.Net;
using k8s.Models;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Runtime.Leadership;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease: candidates try to acquire the lease every
/// retry period; the holder renews it; a lease not renewed within its duration may be taken over.
/// Only the leader runs the reconcilers; on shutdown the leader releases the lease so a standby
/// replica takes over at once instead of after the lease expires.
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="options">Lease settings.</param>
/// <param name="logger">Logger.</param>
/// <param name="time">Clock.</param>
public sealed class LeaderElector(KubeRestClient client, LeaderElectionOptions options, ILogger logger, TimeProvider? time = null)
{
    /// <summary>Where Leases live.</summary>
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "leases", "Lease", true);

    private static readonly JsonTypeInfoCodec<V1Lease> LeaseCodec = new(LeaseJsonContext.Default.V1Lease);
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>Whether this replica holds the lease now.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>
    /// Campaigns until leader, runs <paramref name="lead"/> while leading, and returns when leadership
    /// is lost (the caller should exit so its state is rebuilt) or <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <param name="lead">The work of the leader; its token is cancelled when leadership ends.</param>
    /// <param name="cancellationToken">Stops campaigning or leading (graceful shutdown releases the lease).</param>
    /// <returns>True when leadership was lost, false on shutdown.</returns>
    public async Task<bool> RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        while (!await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(Jittered(options.RetryPeriod), clock, cancellationToken).ConfigureAwait(false);
        }

        IsLeader = true;
        logger.LogInformation("Became leader ({Identity}) of lease {Namespace}/{Lease}", options.Identity, options.Namespace, options.LeaseName);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Task.Run(() => lead(leading.Token), CancellationToken.None);
        var lost = await RenewUntilLostAsync(work, cancellationToken).ConfigureAwait(false);
        IsLeader = false;
        await leading.CancelAsync().ConfigureAwait(false);
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (!lost)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        return lost;
    }

    private async Task<bool> RenewUntilLostAsync(Task work, CancellationToken cancellationToken)
    {
        var lastRenew = clock.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested && !work.IsCompleted)
        {
            try
            {
                await Task.WhenAny(work, Task.Delay(options.RetryPeriod, clock, cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            if (cancellationToken.IsCancellationRequested || work.IsCompleted)
            {
                break;
            }

            bool renewed;
            try
            {
                renewed = await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Lease renewal failed: {Error}", e.Message);
                renewed = false;
            }

            if (renewed)
            {
                lastRenew = clock.GetUtcNow();
            }
            else if (clock.GetUtcNow() - lastRenew > options.RenewDeadline)
            {
                logger.LogError("Lost leadership of lease {Namespace}/{Lease}: not renewed for {Seconds} s", options.Namespace, options.LeaseName, options.RenewDeadline.TotalSeconds);
                return true;
            }
        }

        return false;
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = await client.GetAsync(Leases, LeaseCodec, options.Namespace, options.LeaseName, cancellationToken).ConfigureAwait(false);

        if (lease is null)
        {
            try
            {
                await client.CreateAsync(Leases, LeaseCodec, NewLease(now), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                return false; // another candidate created it first
            }
        }

        var spec = lease.Spec ??= new V1LeaseSpec();
        var mine = spec.HolderIdentity == options.Identity;
        var expires = (spec.RenewTime ?? spec.AcquireTime ?? DateTime.MinValue) + TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? 0);
        if (!mine && !string.IsNullOrEmpty(spec.HolderIdentity) && expires > now)
        {
            return false;
        }

        if (!mine)
        {
            spec.HolderIdentity = options.Identity;
            spec.AcquireTime = now;
            spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
        }

        spec.RenewTime = now;
        spec.LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds;
        try
        {
            await client.ReplaceAsync(Leases, LeaseCodec, lease, status: false, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return false; // someone else wrote the lease in between
        }
    }

    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var lease = await client.GetAsync(Leases, LeaseCodec, options.Namespace, options.LeaseName, timeout.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != options.Identity)
            {
                return;
            }

            lease.Spec.HolderIdentity = null;
            lease.Spec.LeaseDurationSeconds = 1;
            await client.ReplaceAsync(Leases, LeaseCodec, lease, status: false, timeout.Token).ConfigureAwait(false);
            logger.LogInformation("Released lease {Namespace}/{Lease}", options.Namespace, options.LeaseName);
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not release lease {Namespace}/{Lease}: {Error}", options.Namespace, options.LeaseName, e.Message);
        }
    }

    private V1Lease NewLease(DateTime now) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta { Name = options.LeaseName, NamespaceProperty = options.Namespace },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = options.Identity,
            AcquireTime = now,
            RenewTime = now,
            LeaseDurationSeconds = (int)options.LeaseDuration.TotalSeconds,
            LeaseTransitions = 0,
        },
    };

    private static TimeSpan Jittered(TimeSpan period) => period * (1 + (0.2 * Random.Shared.NextDouble()));
}
