namespace ShapeBlock.Sdk.Validation;

/// <summary>Every problem found in a stack, errors and warnings, plus the credentials that are missing (which stop <c>up</c>, not <c>preview</c>).</summary>
/// <param name="Problems">Errors and warnings, in model order.</param>
/// <param name="MissingCredentials">Credentials that cannot be read, e.g. <c>prod: Hetzner API token (environment variable HCLOUD_TOKEN is not set)</c>.</param>
public sealed record ValidationReport(IReadOnlyList<Problem> Problems, IReadOnlyList<string> MissingCredentials)
{
    /// <summary>The errors.</summary>
    public IEnumerable<Problem> Errors => Problems.Where(p => p.Severity == Severity.Error);

    /// <summary>The warnings.</summary>
    public IEnumerable<Problem> Warnings => Problems.Where(p => p.Severity == Severity.Warning);

    /// <summary>True when there is no error.</summary>
    public bool IsValid => !Errors.Any();
}
