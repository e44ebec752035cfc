using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Testing.Kubernetes.Simulators;
using ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

namespace ShapeBlock.Testing.Kubernetes.Tests;

public sealed class JobSimulatorTests : ServerTest
{
    protected override InMemoryKubernetesOptions Options => new() { Simulators = SimulatorKinds.Jobs };

    private static V1Job BuildJob(string name, int backoffLimit = 0, long? deadline = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1JobSpec
        {
            BackoffLimit = backoffLimit,
            ActiveDeadlineSeconds = deadline,
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    InitContainers = [new V1Container { Name = "clone", Image = "alpine/git" }],
                    Containers = [new V1Container { Name = "build", Image = "kaniko" }],
                },
            },
        },
    };

    [Fact]
    public async Task A_job_runs_a_labelled_pod_through_its_phases_with_scripted_logs_and_termination_messages()
    {
        Namespace("shop");
        var gate = new SimulationGate();
        Server.Simulators.Jobs.Script("web-1", (JobOutcome.Succeed("step 1/2", "step 2/2") with { Gate = gate })
            .WithContainer("clone", new ContainerOutcome { Logs = ["Cloning into '/workspace'..."], TerminationMessage = "3f2c1a0" })
            .WithContainer("build", new ContainerOutcome { Logs = ["INFO building", "INFO pushed"], TerminationMessage = "sha256:abc" }));
        var podWatch = Client.CoreV1.ListNamespacedPodWithHttpMessagesAsync("shop", watch: true, labelSelector: "job-name=web-1", resourceVersion: (await Client.CoreV1.ListNamespacedPodAsync("shop")).Metadata.ResourceVersion);
        await Server.Watches.WaitForAsync(1);
        var job = await Client.BatchV1.CreateNamespacedJobAsync(BuildJob("web-1"), "shop");

        await using var watch = await WatchReader.OpenAsync(podWatch);
        var running = await watch.WaitForAsync(e => e.Object.Str("status", "phase") == "Running");
        var pod = running.Object;
        Assert.Matches("^web-1-[a-z0-9]{5}$", running.Name);
        Assert.Equal("web-1", pod.Str("metadata", "labels", "batch.kubernetes.io/job-name"));
        Assert.Equal(job.Metadata.Uid, pod.Str("metadata", "labels", "controller-uid"));
        Assert.Equal("3f2c1a0", pod.GetProperty("status").GetProperty("initContainerStatuses")[0].Str("state", "terminated", "message"));
        Assert.NotNull(pod.Str("spec", "nodeName"));

        // The build container is still running (the gate is closed), so the Job is active.
        Assert.Equal(1, (await Client.BatchV1.ReadNamespacedJobAsync("web-1", "shop")).Status.Active);
        gate.Open();
        var done = await watch.WaitForAsync(e => e.Object.Str("status", "phase") == "Succeeded");
        var build = done.Object.GetProperty("status").GetProperty("containerStatuses")[0];
        Assert.Equal("sha256:abc", build.Str("state", "terminated", "message"));
        Assert.Equal("0", build.Str("state", "terminated", "exitCode"));
        Assert.Equal("Completed", build.Str("state", "terminated", "reason"));

        var phases = watch.Seen.Select(e => e.Object.Str("status", "phase")).Distinct().ToList();
        Assert.Equal(["Pending", "Running", "Succeeded"], phases);

        var finished = await Server.WaitForAsync("batch/v1", "Job", "shop", "web-1", j => j["status"]?["succeeded"]?.GetValue<int>() == 1);
        var conditions = finished["status"]!["conditions"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["SuccessCriteriaMet", "Complete"], conditions);
        Assert.NotNull(finished["status"]!["completionTime"]);

        var log = await ReadLogAsync(running.Name, "build");
        Assert.Equal("INFO building\nINFO pushed\n", log);
        Assert.Equal("Cloning into '/workspace'...\n", await ReadLogAsync(running.Name, "clone"));
    }

    [Fact]
    public async Task A_failing_pod_fails_the_job_after_the_backoff_limit_with_its_exit_code_and_message()
    {
        Namespace("shop");
        Server.Simulators.Jobs.Script(j => j["metadata"]!["name"]!.GetValue<string>().StartsWith("bad", StringComparison.Ordinal),
            JobOutcome.Fail(2, "error building image: unauthorized", "ERROR push denied"));
        await Client.BatchV1.CreateNamespacedJobAsync(BuildJob("bad", backoffLimit: 1), "shop");
        var failed = await Server.WaitForAsync("batch/v1", "Job", "shop", "bad", j => j["status"]?["conditions"] is JsonArray { Count: > 0 });
        Assert.Equal(2, failed["status"]!["failed"]!.GetValue<int>());
        var condition = failed["status"]!["conditions"]!.AsArray().Last()!;
        Assert.Equal(("Failed", "BackoffLimitExceeded"), (condition["type"]!.GetValue<string>(), condition["reason"]!.GetValue<string>()));

        var pods = await Client.CoreV1.ListNamespacedPodAsync("shop", labelSelector: "job-name=bad");
        Assert.Equal(2, pods.Items.Count);
        var terminated = pods.Items[0].Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal((2, "Error", "error building image: unauthorized"), (terminated.ExitCode, terminated.Reason, terminated.Message));
        Assert.Equal("Failed", pods.Items[0].Status.Phase);
    }

    [Fact]
    public async Task A_scripted_first_failure_is_retried_and_then_succeeds()
    {
        Namespace("shop");
        Server.Simulators.Jobs.Script("flaky", JobOutcome.Fail(1), times: 1);
        await Client.BatchV1.CreateNamespacedJobAsync(BuildJob("flaky", backoffLimit: 3), "shop");
        var job = await Server.WaitForAsync("batch/v1", "Job", "shop", "flaky", j => j["status"]?["succeeded"]?.GetValue<int>() == 1);
        Assert.Equal(1, job["status"]!["failed"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unschedulable_pod_reports_the_scheduler_condition_and_a_failed_scheduling_event()
    {
        Namespace("shop");
        Server.Simulators.Jobs.Script("big", JobOutcome.Unschedulable("0/1 nodes are available: 1 Insufficient memory."));
        await Client.BatchV1.CreateNamespacedJobAsync(BuildJob("big"), "shop");
        var pod = await Server.WaitForAnyAsync("v1", "Pod", "shop", p => p["status"]?["conditions"] is JsonArray { Count: > 0 });
        var scheduled = pod["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "PodScheduled")!;
        Assert.Equal(("False", "Unschedulable"), (scheduled["status"]!.GetValue<string>(), scheduled["reason"]!.GetValue<string>()));
        Assert.Equal("Pending", pod["status"]!["phase"]!.GetValue<string>());

        var podName = pod["metadata"]!["name"]!.GetValue<string>();
        var events = await Client.CoreV1.ListNamespacedEventAsync("shop", fieldSelector: $"involvedObject.name={podName},reason=FailedScheduling");
        var e = Assert.Single(events.Items);
        Assert.Equal(("Warning", "0/1 nodes are available: 1 Insufficient memory."), (e.Type, e.Message));
        Assert.Single((await Client.EventsV1.ListNamespacedEventAsync("shop")).Items, x => x.Reason == "FailedScheduling" && x.Regarding.Name == podName);
    }

    [Fact]
    public async Task Active_deadline_fails_the_job_with_deadline_exceeded()
    {
        Namespace("shop");
        Server.Simulators.Jobs.Script("slow", JobOutcome.Succeed() with { Gate = new SimulationGate() });
        await Client.BatchV1.CreateNamespacedJobAsync(BuildJob("slow", deadline: 1), "shop");
        var failed = await Server.WaitForAsync("batch/v1", "Job", "shop", "slow", j => j["status"]?["conditions"] is JsonArray { Count: > 0 });
        Assert.Equal("DeadlineExceeded", failed["status"]!["conditions"]!.AsArray().Last()!["reason"]!.GetValue<string>());
        Assert.Equal("Job was active longer than specified deadline", failed["status"]!["conditions"]!.AsArray().Last()!["message"]!.GetValue<string>());
        await Server.WaitForAsync("batch/v1", "Job", "shop", "slow", j => Server.List("v1", "Pod", "shop", "job-name=slow").Count == 0);
    }

    [Fact]
    public async Task Logs_can_be_followed_while_the_container_writes_them()
    {
        Namespace("shop");
        var gate = new SimulationGate();
        Server.Simulators.Jobs.Script("follow", JobOutcome.Succeed("line 1", "line 2", "line 3") with { Gate = gate });
        await Client.BatchV1.CreateNamespacedJobAsync(BuildJob("follow"), "shop");
        var pod = await Server.WaitForAnyAsync("v1", "Pod", "shop", p => p["status"]?["phase"]?.GetValue<string>() == "Running");
        var name = pod["metadata"]!["name"]!.GetValue<string>();

        using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync(name, "shop", container: "build", follow: true);
        using var reader = new StreamReader(stream);
        var written = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            written.Add((await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!);
        }

        // The kubelet has written its lines (the gate holds the container running): a line appended now reaches the open stream.
        Assert.Equal(["line 1", "line 2", "line 3"], written);
        Server.Logs.Append("shop", name, "build", "line 4 (appended while following)");
        Assert.Equal("line 4 (appended while following)", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        gate.Open();
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("line 3\nline 4 (appended while following)\n", await ReadLogAsync(name, "build", tail: 2));
        // One main container: it is the default, as on a real server.
        using (var defaulted = new StreamReader(await Client.CoreV1.ReadNamespacedPodLogAsync(name, "shop")))
        {
            Assert.StartsWith("line 1\n", await defaulted.ReadToEndAsync());
        }

        var invalid = await ApiErrors.StatusOf(() => Client.CoreV1.ReadNamespacedPodLogAsync(name, "shop", container: "nope"), 400);
        Assert.Contains("container nope is not valid", invalid["message"]!.GetValue<string>());
        await ApiErrors.StatusOf(() => Client.CoreV1.ReadNamespacedPodLogAsync("nope", "shop"), 404);
    }

    [Fact]
    public async Task Following_a_running_container_that_has_not_written_yet_waits_for_its_first_line()
    {
        Namespace("shop");
        var gate = new SimulationGate();
        Server.Simulators.Jobs.Script("quiet", JobOutcome.Succeed() with { Gate = gate });
        await Client.BatchV1.CreateNamespacedJobAsync(BuildJob("quiet"), "shop");
        var pod = await Server.WaitForAnyAsync("v1", "Pod", "shop", p => p["status"]?["phase"]?.GetValue<string>() == "Running");
        var name = pod["metadata"]!["name"]!.GetValue<string>();

        using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync(name, "shop", container: "build", follow: true);
        using var reader = new StreamReader(stream);
        var first = reader.ReadLineAsync();
        Server.Logs.Append("shop", name, "build", "first line");
        Assert.Equal("first line", await first.WaitAsync(TimeSpan.FromSeconds(10)));
        gate.Open();
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private async Task<string> ReadLogAsync(string pod, string container, int? tail = null)
    {
        using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync(pod, "shop", container: container, tailLines: tail);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
