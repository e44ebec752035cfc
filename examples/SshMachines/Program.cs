using SshMachinesExample;
using ShapeBlock.Sdk;

// dotnet run --project examples/SshMachines -- preview   (no credentials needed; see README.md for up and destroy)
return await ShapeBlockProgram.RunAsync(args, SshMachinesStack.Define);
