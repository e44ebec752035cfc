using k8s.Models;
using ShapeBlock.Operator.Kube;

namespace ShapeBlock.Operator.Tests;

public sealed class CacheTrimsTests
{
    [Fact]
    public void A_release_deployment_keeps_what_its_rollout_is_judged_by_and_drops_its_pod_template()
    {
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web-web", NamespaceProperty = "shop", Generation = 3, Labels = new Dictionary<string, string> { ["app.kubernetes.io/instance"] = "web" }, Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = "3" } },
            Spec = new V1DeploymentSpec { Replicas = 2, Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "ghcr.io/acme/web:1" }] } } },
            Status = new V1DeploymentStatus { ObservedGeneration = 3, UpdatedReplicas = 2, AvailableReplicas = 1, Conditions = [new V1DeploymentCondition { Type = "Available", Status = "False" }] },
        };

        CacheTrims.ReleaseDeployment(deployment);

        Assert.Equal(("web-web", "shop", 3L, "web"), (deployment.Metadata.Name, deployment.Metadata.NamespaceProperty, deployment.Metadata.Generation!.Value, deployment.Metadata.Labels["app.kubernetes.io/instance"]));
        Assert.Equal(2, deployment.Spec!.Replicas);
        Assert.Null(deployment.Spec.Template);
        Assert.Null(deployment.Metadata.Annotations);
        Assert.Equal((3L, 2, 1), (deployment.Status.ObservedGeneration!.Value, deployment.Status.UpdatedReplicas!.Value, deployment.Status.AvailableReplicas!.Value));
        Assert.Null(deployment.Status.Conditions);
    }

    [Fact]
    public void A_helm_job_keeps_its_identity_labels_and_status_and_drops_its_spec()
    {
        var job = new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "helm-install-web", NamespaceProperty = "shop", Uid = "u1", Labels = new Dictionary<string, string> { ["helmcharts.helm.cattle.io/chart"] = "web" }, Annotations = new Dictionary<string, string> { ["helmcharts.helm.cattle.io/configHash"] = "SHA256=…" } },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "helm", Args = ["install", "web"] }] } } },
            Status = new V1JobStatus { Succeeded = 1, Conditions = [new V1JobCondition { Type = "Complete", Status = "True" }] },
        };

        CacheTrims.HelmJob(job);

        Assert.Equal(("helm-install-web", "u1", "web"), (job.Metadata.Name, job.Metadata.Uid, job.Metadata.Labels["helmcharts.helm.cattle.io/chart"]));
        Assert.Null(job.Spec);
        Assert.Null(job.Metadata.Annotations);
        Assert.True(JobConditions.IsTrue(job, "Complete"));
        Assert.Equal(1, job.Status.Succeeded);
    }

    [Fact]
    public void A_release_statefulset_keeps_its_desired_replicas_and_status_counts()
    {
        var set = new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db", Generation = 1 },
            Spec = new V1StatefulSetSpec { Replicas = 1, ServiceName = "db", VolumeClaimTemplates = [new V1PersistentVolumeClaim()], Template = new V1PodTemplateSpec() },
            Status = new V1StatefulSetStatus { ObservedGeneration = 1, ReadyReplicas = 1, Replicas = 1 },
        };

        CacheTrims.ReleaseStatefulSet(set);

        Assert.Equal(1, set.Spec!.Replicas);
        Assert.Null(set.Spec.Template);
        Assert.Null(set.Spec.VolumeClaimTemplates);
        Assert.Equal(1, set.Status.ReadyReplicas);
    }
}
