// Shim of the Pulumi.Random package (pulumi/pulumi-random sdk/dotnet): only what ShapeBlock.Pulumi uses.
namespace Pulumi.Random;

/// <summary>Shim of <c>Pulumi.Random.RandomPassword</c>: a random value kept in state (its result is secret).</summary>
public partial class RandomPassword : global::Pulumi.CustomResource
{
    /// <summary>The generated value.</summary>
    [Output("result")]
    public Output<string> Result { get; private set; } = null!;

    /// <summary>Registers the password.</summary>
    public RandomPassword(string name, RandomPasswordArgs args, CustomResourceOptions? options = null)
        : base("random:index/randomPassword:RandomPassword", name, args, CustomResourceOptions.Merge(new CustomResourceOptions { AdditionalSecretOutputs = ["bcryptHash", "result"] }, options))
    {
    }
}

/// <summary>Shim of <c>Pulumi.Random.RandomPasswordArgs</c>.</summary>
public sealed class RandomPasswordArgs : global::Pulumi.ResourceArgs
{
    /// <summary>The length.</summary>
    [Input("length", required: true)]
    public Input<int> Length { get; set; } = null!;

    /// <summary>Include special characters.</summary>
    [Input("special")]
    public Input<bool>? Special { get; set; }
}
