using System.Text.Json.Nodes;
using ShapeBlock.Testing.Kubernetes.Simulators;

namespace ShapeBlock.Testing.Kubernetes;

/// <summary>How an <see cref="InMemoryKubernetes"/> server starts.</summary>
public sealed record InMemoryKubernetesOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where to write the kubeconfig; null for a temporary file deleted on dispose.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Changes kept per resource type for watch resumption; older resourceVersions get 410 Gone.</summary>
    public int WatchHistoryLimit { get; init; } = 5000;

    /// <summary>Events queued per HTTP watch before a slow client's stream is closed (as a real server does).</summary>
    public int WatchQueueCapacity { get; init; } = 100_000;

    /// <summary>Period of BOOKMARK events on watches that allow them; zero disables periodic bookmarks.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock for timestamps and simulated durations.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>CustomResourceDefinitions registered at start.</summary>
    public IReadOnlyList<JsonObject> Crds { get; init; } = [];

    /// <summary>Register ShapeBlock's five CRDs at start (generated from <c>ShapeBlock.Api</c>).</summary>
    public bool ShapeBlockCrds { get; init; }

    /// <summary>Create <c>default</c>, <c>kube-system</c>, <c>kube-public</c>, <c>kube-node-lease</c> and k3s's HelmChart CRDs, as a fresh k3s has them.</summary>
    public bool SeedCluster { get; init; } = true;

    /// <summary>Simulators switched on at start (each can also be enabled later).</summary>
    public SimulatorKinds Simulators { get; init; }

    /// <summary>Collect objects whose every owner is missing (the real garbage collector does).</summary>
    public bool CollectDanglingDependents { get; init; } = true;

    /// <summary>Treat strategic merge patches of custom resources as merge patches instead of rejecting them with 415 like a real server.</summary>
    public bool StrategicMergeOnCustomResources { get; init; }
}
