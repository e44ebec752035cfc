using k8s;
using ShapeBlock.Operator.Tests.Infrastructure;

namespace ShapeBlock.Operator.Tests;

public sealed class LeaderElectionTests : OperatorTest
{
    [Fact]
    public async Task Only_the_leader_reconciles_and_a_standby_takes_over_when_it_stops()
    {
        var options = DefaultOptions with { LeaderElection = true };
        var first = await StartOperatorAsync(options);
        await Eventually(() => first.IsLeader, "first replica leads");
        var second = await StartOperatorAsync(options);

        CreateProject("shop");
        await WaitForProjectAsync("shop", "Active");
        await Eventually(() => first.ReconcileCount("project") > 0, "the leader's reconcile is counted");
        Assert.False(second.IsLeader);
        Assert.Equal(0, second.ReconcileCount("project"));

        await StopOperatorAsync(first);
        await Eventually(() => second.IsLeader, "the standby becomes leader");

        CreateProject("blog");
        await WaitForProjectAsync("blog", "Active");
        await Eventually(() => second.ReconcileCount("project") > 0, "the new leader's reconcile is counted");
        var lease = await Client.CoordinationV1.ReadNamespacedLeaseAsync("shapeblock-operator", "shapeblock");
        Assert.True(lease.Spec.LeaseTransitions >= 1);
    }
}
