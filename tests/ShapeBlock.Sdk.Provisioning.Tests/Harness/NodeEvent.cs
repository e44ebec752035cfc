namespace ShapeBlock.Sdk.Provisioning.Tests.Harness;

/// <summary>
/// Something the test world saw happen to a node, in the order it happened: <c>power-off</c> / <c>power-on</c> (the fake
/// cloud switched the machine), <c>restart</c> (its stub k3s began a restart), <c>boot</c> (switched on again, its kubelet reported a new bootID), <c>NotReady</c> / <c>Ready</c> (the
/// simulated kubelet wrote that condition; the time is taken before the write, so anything that saw the new state
/// through the API did so later).
/// </summary>
/// <param name="At">When (this machine's clock).</param>
/// <param name="Node">The node (= server) name.</param>
/// <param name="What">What happened.</param>
/// <param name="Degraded">
/// For <c>power-off</c> and <c>restart</c>: the other nodes that were not Ready or were cordoned at that moment (read from the API server
/// before this node went NotReady).
/// </param>
public sealed record NodeEvent(DateTimeOffset At, string Node, string What, IReadOnlyList<string> Degraded);
