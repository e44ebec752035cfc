using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Runtime.Client;
using ShapeBlock.Testing.Kubernetes;

namespace ShapeBlock.Operator.Tests;

public sealed class EventQueueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static V1ConfigMap Involved(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = Guid.NewGuid().ToString() },
    };

    [Fact]
    public async Task Queued_events_are_written_to_the_API_server_and_a_flush_writes_all_of_them()
    {
        await using var server = await InMemoryKubernetes.StartAsync();
        using var client = server.CreateClient();
        var queue = new EventQueue(new EventRecorder(new KubeRestClient(client), NullLogger<EventRecorder>.Instance, TimeProvider.System), NullLogger<EventQueue>.Instance);

        for (var i = 0; i < 50; i++)
        {
            queue.Enqueue(Involved($"cm-{i}"), i % 2 == 0 ? "Normal" : "Warning", $"Reason{i}", $"message {i}");
        }

        await queue.FlushAsync(Bound);

        var events = server.List("v1", "Event", "default");
        Assert.Equal(50, events.Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"cm-{i}").Order(), events.Select(e => e["involvedObject"]!["name"]!.GetValue<string>()).Order());
        var warning = Assert.Single(events, e => e["involvedObject"]!["name"]!.GetValue<string>() == "cm-7");
        Assert.Equal("Warning", warning["type"]!.GetValue<string>());
        Assert.Equal("Reason7", warning["reason"]!.GetValue<string>());
        Assert.Equal("message 7", warning["message"]!.GetValue<string>());
        Assert.Equal(0, queue.Dropped);
        Assert.Equal(50, server.Faults.Requests.Count("create", "events"));
    }

    [Fact]
    public async Task Enqueue_never_waits_for_a_write_and_a_full_queue_drops_and_counts()
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new List<string>();
        var queue = new EventQueue(async (e, ct) =>
        {
            writing.TrySetResult();
            await release.Task.WaitAsync(ct);
            lock (written)
            {
                written.Add(e.Reason);
            }
        }, NullLogger.Instance, capacity: 2, writers: 1);

        queue.Enqueue(Involved("a"), "Normal", "first", "m");
        await writing.Task.WaitAsync(Bound); // the writer holds "first" and waits
        for (var i = 0; i < 4; i++)
        {
            queue.Enqueue(Involved("a"), "Normal", $"next{i}", "m"); // returns at once although nothing is written
        }

        Assert.Equal(2, queue.Dropped); // two fit in the queue, two did not
        release.SetResult();
        await queue.FlushAsync(Bound);
        Assert.Equal(["first", "next0", "next1"], written);
    }

    [Fact]
    public async Task A_flush_is_bounded_when_writes_hang_and_counts_what_was_left()
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new EventQueue((_, ct) =>
        {
            writing.TrySetResult();
            return Task.Delay(Timeout.Infinite, ct);
        }, NullLogger.Instance, capacity: 10, writers: 1);
        for (var i = 0; i < 5; i++)
        {
            queue.Enqueue(Involved("a"), "Normal", $"r{i}", "m");
        }

        await writing.Task.WaitAsync(Bound);

        var flush = queue.FlushAsync(TimeSpan.FromMilliseconds(200));
        await flush.WaitAsync(Bound);
        Assert.Equal(4, queue.Dropped); // one was being written when the flush gave up
        queue.Enqueue(Involved("a"), "Normal", "late", "m");
        Assert.Equal(5, queue.Dropped); // closed: counted, not queued
    }
}
