using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Tests;

/// <summary>
/// The operator's own source-generated context of Kubernetes models writes and reads exactly what
/// KubernetesClient's serializer (used by the typed client before) does: quantities, int-or-strings,
/// base64 data, timestamps and omitted nulls.
/// </summary>
public sealed class KubeJsonContextTests
{
    private static readonly DateTime Time = new(2026, 11, 23, 13, 45, 7, 123, 456, DateTimeKind.Utc);

    [Fact]
    public void A_secret_is_written_as_KubernetesClient_writes_it_and_read_back()
    {
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = Meta("registry-creds", "shop"),
            Type = "kubernetes.io/dockerconfigjson",
            Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes("""{"auths":{}}""") },
        };

        var read = RoundTrip(Codecs.Secret, secret);

        Assert.Equal(secret.Data[".dockerconfigjson"], read.Data[".dockerconfigjson"]);
        Assert.Equal(Time, read.Metadata.CreationTimestamp);
    }

    [Fact]
    public void Quantities_and_limit_ranges_keep_their_canonical_form()
    {
        var quota = new V1ResourceQuota
        {
            Metadata = Meta("shapeblock-quota", "shop"),
            Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["pods"] = new("20"), ["requests.cpu"] = new("500m"), ["requests.memory"] = new("1Gi") } },
        };
        var limits = new V1LimitRange
        {
            Metadata = Meta("shapeblock-defaults", "shop"),
            Spec = new V1LimitRangeSpec { Limits = [new V1LimitRangeItem { Type = "Container", DefaultRequest = new Dictionary<string, ResourceQuantity> { ["memory"] = new("64Mi") } }] },
        };

        Assert.Equal("500m", RoundTrip(Codecs.ResourceQuota, quota).Spec.Hard["requests.cpu"].ToString());
        Assert.Equal("64Mi", RoundTrip(Codecs.LimitRange, limits).Spec.Limits[0].DefaultRequest["memory"].ToString());
    }

    [Fact]
    public void Events_jobs_and_deployments_match_KubernetesClient()
    {
        RoundTrip(Codecs.Event, new Corev1Event
        {
            Metadata = Meta("shop.1", "default"),
            InvolvedObject = new V1ObjectReference { Kind = "Project", Name = "shop" },
            Reason = "Active",
            Message = "ready",
            Type = "Normal",
            FirstTimestamp = Time,
            LastTimestamp = Time,
            Count = 1,
        });
        var probe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = "http", Path = "/" }, TcpSocket = new V1TCPSocketAction { Port = 8080 } };
        var read = RoundTrip(Codecs.Job, new V1Job
        {
            Metadata = Meta("b-1", "shop"),
            Spec = new V1JobSpec
            {
                BackoffLimit = 0,
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "build", Image = "kaniko", Args = ["--context", "/workspace"], ReadinessProbe = probe }] } },
            },
            Status = new V1JobStatus { Conditions = [new V1JobCondition { Type = "Complete", Status = "True", LastTransitionTime = Time }] },
        });
        Assert.Equal("8080", read.Spec.Template.Spec.Containers[0].ReadinessProbe.TcpSocket.Port.Value);
        RoundTrip(Codecs.Deployment, new V1Deployment
        {
            Metadata = Meta("app", "shop"),
            Spec = new V1DeploymentSpec { Replicas = 2, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["a"] = "b" } }, Template = new V1PodTemplateSpec() },
            Status = new V1DeploymentStatus { Replicas = 2, AvailableReplicas = 2, UpdatedReplicas = 2, ObservedGeneration = 3 },
        });
    }

    private static T RoundTrip<T>(IResourceCodec<T> codec, T value)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var ours = JsonNode.Parse(codec.Write(value));
        var theirs = JsonNode.Parse(KubernetesJson.Serialize(value));
        Assert.True(JsonNode.DeepEquals(ours, theirs), $"ours:   {ours?.ToJsonString()}\ntheirs: {theirs?.ToJsonString()}");

        using var doc = System.Text.Json.JsonDocument.Parse(KubernetesJson.Serialize(value));
        var read = codec.Read(doc.RootElement);
        Assert.Equal(KubernetesJson.Serialize(value), KubernetesJson.Serialize(read));
        return read;
    }

    private static V1ObjectMeta Meta(string name, string ns) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "shapeblock-operator" },
        CreationTimestamp = Time,
        ResourceVersion = "42",
        OwnerReferences = [new V1OwnerReference { ApiVersion = "apps.shapeblock.io/v1alpha1", Kind = "Project", Name = "shop", Uid = "u-1", BlockOwnerDeletion = true }],
    };
}
