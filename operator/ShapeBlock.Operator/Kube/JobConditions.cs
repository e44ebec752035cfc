using k8s.Models;

namespace ShapeBlock.Operator.Kube;

/// <summary>Reading a Job's outcome from its conditions.</summary>
internal static class JobConditions
{
    public static bool IsTrue(V1Job job, string type) => Find(job, type) is not null;

    /// <summary>The Job's <c>Failed</c> condition, else its <c>FailureTarget</c> (set first by newer job controllers), when True.</summary>
    public static V1JobCondition? Failed(V1Job job) => Find(job, "Failed") ?? Find(job, "FailureTarget");

    /// <summary>The Job has failed or completed.</summary>
    public static bool Finished(V1Job job) => IsTrue(job, "Failed") || IsTrue(job, "Complete");

    private static V1JobCondition? Find(V1Job job, string type) => job.Status?.Conditions?.FirstOrDefault(c => c.Type == type && c.Status == "True");
}
