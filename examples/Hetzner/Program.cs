using HetznerExample;
using ShapeBlock.Sdk;

// dotnet run --project examples/Hetzner -- preview   (no credentials needed; see README.md for up and destroy)
return await ShapeBlockProgram.RunAsync(args, HetznerStack.Define);
