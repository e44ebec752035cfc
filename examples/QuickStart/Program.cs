using QuickStart;
using ShapeBlock.Sdk;

// dotnet run --project examples/QuickStart -- preview      (no credentials needed)
// dotnet run --project examples/QuickStart -- render out/  (writes every manifest and script)
return await ShapeBlockProgram.RunAsync(args, QuickStartStack.Define);
