using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ShapeBlock.Operator.Tests.Infrastructure;

namespace ShapeBlock.Operator.Tests;

/// <summary>
/// A leader that dies without releasing its lease (SIGKILL of a real operator process): the standby must
/// wait for the lease to expire, then take over within lease duration + retry period.
/// </summary>
public sealed class LeaderCrashTests : OperatorTest
{
    [Fact]
    public async Task A_killed_leader_is_replaced_within_lease_duration_plus_retry_period()
    {
        await using var leader = OperatorChild.Start(Server.KubeconfigPath);
        await leader.WaitReadyAsync(Bound);
        var held = await WaitForLeaseAsync(l => !string.IsNullOrEmpty(l.Spec.HolderIdentity), "the child operator holds the lease");
        var standbyOptions = DefaultOptions with { LeaderElection = true };
        var standby = await StartOperatorAsync(standbyOptions);

        CreateProject("shop");
        await WaitForProjectAsync("shop", "Active"); // reconciled by the child, the only leader
        Assert.False(standby.IsLeader);
        Assert.Equal(0, standby.ReconcileCount("project"));

        leader.Kill(); // no graceful shutdown: the lease is not released
        var killed = Stopwatch.GetTimestamp();
        var last = await ReadLeaseAsync();
        Assert.Equal(held.Spec.HolderIdentity, last!.Spec.HolderIdentity);
        var leaseDuration = TimeSpan.FromSeconds(last.Spec.LeaseDurationSeconds!.Value);

        // Takeover bound: the lease expires at most one lease duration after the kill, and the standby tries
        // every retry period (+20% jitter); one more second for scheduling on a busy machine.
        var bound = leaseDuration + (standbyOptions.LeaseRetryPeriod * 1.2) + TimeSpan.FromSeconds(1);
        while (!standby.IsLeader)
        {
            Assert.True(Stopwatch.GetElapsedTime(killed) <= bound, $"the standby did not lead within {bound.TotalSeconds:F1} s of the kill");
            await Task.Delay(20);
        }

        var tookOver = Stopwatch.GetElapsedTime(killed);
        var lease = await ReadLeaseAsync();
        Assert.NotEqual(held.Spec.HolderIdentity, lease!.Spec.HolderIdentity);
        Assert.Equal((held.Spec.LeaseTransitions ?? 0) + 1, lease.Spec.LeaseTransitions);
        // It waited for the dead leader's lease to expire (nothing released it early).
        var waited = lease.Spec.AcquireTime!.Value - last.Spec.RenewTime!.Value;
        Assert.True(waited >= leaseDuration - TimeSpan.FromSeconds(1), $"took over {waited.TotalSeconds:F1} s after the last renewal, before the lease expired");
        Assert.True(tookOver <= bound, $"took over {tookOver.TotalSeconds:F1} s after the kill");

        CreateProject("blog");
        await WaitForProjectAsync("blog", "Active");
        await Eventually(() => standby.ReconcileCount("project") > 0, "the new leader reconciles");
    }

    private async Task<V1Lease?> ReadLeaseAsync()
    {
        try
        {
            return await Client.CoordinationV1.ReadNamespacedLeaseAsync("shapeblock-operator", "shapeblock");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<V1Lease> WaitForLeaseAsync(Func<V1Lease, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            if (await ReadLeaseAsync() is { } lease && condition(lease))
            {
                return lease;
            }

            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }
        }
    }
}
