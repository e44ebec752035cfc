using System.Text.Json.Nodes;
using k8s.Autorest;

namespace ShapeBlock.Testing.Kubernetes.Tests.Infrastructure;

/// <summary>Captures the Status body of a failed KubernetesClient call.</summary>
public static class ApiErrors
{
    public static async Task<JsonObject> StatusOf(Func<Task> call, int expectedCode)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(expectedCode, (int)e.Response.StatusCode);
        var status = JsonNode.Parse(e.Response.Content)!.AsObject();
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("v1", status["apiVersion"]!.GetValue<string>());
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal(expectedCode, status["code"]!.GetValue<int>());
        return status;
    }
}
