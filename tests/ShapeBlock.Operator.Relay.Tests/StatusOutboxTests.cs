namespace ShapeBlock.Operator.Relay.Tests;

public sealed class StatusOutboxTests
{
    [Fact]
    public void Updates_of_one_resource_coalesce_and_keep_their_queue_position()
    {
        var outbox = new StatusOutbox(new RelayMetrics());
        outbox.Publish(Status("a", "1"));
        outbox.Publish(Status("b", "1"));
        outbox.Publish(Status("a", "2"));

        Assert.Equal(["a=2", "b=1"], Drain(outbox));
    }

    [Fact]
    public void Requeue_all_queues_every_known_resource_once()
    {
        var metrics = new RelayMetrics();
        var outbox = new StatusOutbox(metrics);
        outbox.Publish(Status("a", "1"));
        outbox.Publish(Status("b", "1"));
        Drain(outbox);

        outbox.Publish(Status("b", "2"));
        outbox.RequeueAll();

        Assert.Equal(["b=2", "a=1"], Drain(outbox));
        Assert.Equal(2, metrics.KnownResources);
    }

    [Fact]
    public void A_forgotten_resource_goes_after_its_last_status_is_sent_and_a_failed_send_keeps_it()
    {
        var outbox = new StatusOutbox(new RelayMetrics());
        outbox.Publish(Status("a", "Deleted"));
        outbox.Forget(new StatusKey(RelayResourceType.App, "ns", "a"));

        Assert.True(outbox.TryTake(out var status));
        outbox.Complete(status, sent: false);
        Assert.Equal(1, outbox.Count);

        outbox.RequeueAll();
        Assert.Equal(["a=Deleted"], Drain(outbox));
        Assert.Equal(0, outbox.Count);
    }

    private static StatusMessage Status(string name, string status) => new(RelayResourceType.App, name, "ns", status);

    private static List<string> Drain(StatusOutbox outbox)
    {
        var sent = new List<string>();
        while (outbox.TryTake(out var status))
        {
            sent.Add($"{status.Name}={status.Status}");
            outbox.Complete(status, sent: true);
        }

        return sent;
    }
}
