namespace ContainerSecurity.Engine.Http;

/// <summary>An answer was larger than <see cref="ResponseLimits"/> allows: its headers or its body were not read to the end.</summary>
public sealed class ResponseTooLargeException : IOException
{
    public ResponseTooLargeException(string message, long limitBytes, Exception? innerException = null)
        : base(message, innerException) => LimitBytes = limitBytes;

    /// <summary>The bound that was exceeded, in bytes.</summary>
    public long LimitBytes { get; }

    /// <summary>Whether <paramref name="exception"/>, or any exception inside it, says a response was larger than allowed.</summary>
    public static bool IsCause(Exception exception, out long limitBytes, out bool headers)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ResponseTooLargeException tooLarge)
            {
                (limitBytes, headers) = (tooLarge.LimitBytes, false);
                return true;
            }

            // SocketsHttpHandler refuses headers above MaxResponseHeadersLength with this error.
            if (current is HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded })
            {
                (limitBytes, headers) = (-1, true);
                return true;
            }
        }

        (limitBytes, headers) = (0, false);
        return false;
    }
}
