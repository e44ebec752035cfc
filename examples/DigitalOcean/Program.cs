using DigitalOceanExample;
using ShapeBlock.Sdk;

// dotnet run --project examples/DigitalOcean -- preview   (no credentials needed; see README.md for up and destroy)
return await ShapeBlockProgram.RunAsync(args, DigitalOceanStack.Define);
