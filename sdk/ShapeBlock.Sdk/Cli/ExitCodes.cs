namespace ShapeBlock.Sdk.Cli;

/// <summary>The exit codes of a ShapeBlock program (documented in the SDK README).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The model is invalid; every problem was printed.</summary>
    public const int ValidationFailed = 1;

    /// <summary>The command line is wrong (unknown command or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>Applying (or destroying) failed; the message says where and what to do.</summary>
    public const int ApplyFailed = 3;

    /// <summary>The command is not available for this cluster in this build (<c>up</c>, <c>destroy</c>, <c>status</c>, <c>kubeconfig</c> of clusters no <see cref="Engine.IClusterConnector"/> handles, i.e. provisioned ones).</summary>
    public const int NotImplemented = 4;

    /// <summary>Credentials the command needs cannot be read (the message names the variable or file, never a value).</summary>
    public const int MissingCredentials = 5;

    /// <summary><c>up</c> or <c>destroy</c> was not confirmed (answered no, or standard input is not interactive and <c>--yes</c> was not given); nothing was changed.</summary>
    public const int NotConfirmed = 6;

    /// <summary>An unexpected error inside the SDK (a bug: please report it with <c>--verbose</c> output).</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl-C); a re-run finishes the job.</summary>
    public const int Interrupted = 130;
}
