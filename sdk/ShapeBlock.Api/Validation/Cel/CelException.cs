namespace ShapeBlock.Api.Validation.Cel;

/// <summary>A CEL rule could not be parsed or evaluated (e.g. <c>no such key: port</c>).</summary>
/// <param name="message">What went wrong.</param>
public sealed class CelException(string message) : Exception(message);
